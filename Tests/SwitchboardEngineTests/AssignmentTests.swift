import Foundation
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

@Suite struct AssignmentTests {
    @Test(arguments: AssignmentStrategy.allCases)
    func hundredConversationsSpreadOverThreeOperatorsWithinCapacity(_ strategy: AssignmentStrategy) async throws {
        // Given three online operators with capacities 50, 30 and 15 and the desk's strategy
        let fixture = try await RoutingFixture()
        defer { fixture.directory.remove() }
        try await fixture.store.saveRoutingSettings(RoutingSettings(defaultRouting: QueueRouting(strategy: strategy, sticky: true)))
        let anna = try await fixture.addOperator("anna", capacity: 50, online: true)
        let boris = try await fixture.addOperator("boris", capacity: 30, online: true)
        let chen = try await fixture.addOperator("chen", capacity: 15, online: true)

        // When 100 clients write, each assigned as it arrives
        var order: [OperatorID?] = []
        for index in 0..<100 {
            let conversation = try await fixture.clientWrites("hello", from: "u-\(index)")
            try await fixture.routing.assignWaiting()
            order.append(try await fixture.assignee(conversation))
        }

        // Then the first rounds take turns, nobody exceeds capacity, and five wait
        #expect(Array(order.prefix(6)) == [anna, boris, chen, anna, boris, chen])
        let loads = try await fixture.loads()
        #expect(loads == [anna: 50, boris: 30, chen: 15])
        #expect(try await fixture.store.queue().count == 5)
    }

    @Test func leastLoadedEvensOutWhatOperatorsAlreadyHold() async throws {
        // Given anna already holds ten conversations
        let fixture = try await RoutingFixture()
        defer { fixture.directory.remove() }
        try await fixture.store.saveRoutingSettings(RoutingSettings(defaultRouting: QueueRouting(strategy: .leastLoaded, sticky: false)))
        let anna = try await fixture.addOperator("anna", capacity: 40, online: true)
        for index in 0..<10 {
            _ = try await fixture.clientWrites("earlier", from: "old-\(index)")
        }
        try await fixture.routing.assignWaiting()
        let boris = try await fixture.addOperator("boris", capacity: 40, online: true)
        let chen = try await fixture.addOperator("chen", capacity: 40, online: true)

        // When 100 more clients write at once and one pass assigns them
        for index in 0..<100 {
            try await fixture.clientWrites("hello", from: "u-\(index)")
        }
        try await fixture.routing.assignWaiting()

        // Then loads end within one of each other
        let loads = try await fixture.loads()
        #expect(loads.values.reduce(0, +) == 110)
        #expect(loads.values.max()! - loads.values.min()! <= 1)
        #expect(Set(loads.keys) == [anna, boris, chen])
    }

    @Test func aReturningClientGoesBackToTheirOperator() async throws {
        // Given two online operators; olena talked to boris
        let fixture = try await RoutingFixture(reopenWindow: 60)
        defer { fixture.directory.remove() }
        let anna = try await fixture.addOperator("anna", online: true)
        let boris = try await fixture.addOperator("boris", online: true)
        let first = try await fixture.clientWrites("hi", from: "ivan")
        try await fixture.routing.assignWaiting()
        let olenas = try await fixture.clientWrites("hi", from: "olena")
        try await fixture.routing.assignWaiting()
        #expect(try await fixture.assignee(first) == anna)
        #expect(try await fixture.assignee(olenas) == boris)
        _ = try await fixture.store.transition(first, .resolve, at: fixture.clock.now())
        _ = try await fixture.store.transition(olenas, .resolve, at: fixture.clock.now())

        // When she writes again a day later (a new conversation), with both operators free
        fixture.clock.advance(by: 86_400)
        let again = try await fixture.clientWrites("me again", from: "olena")
        #expect(again != olenas)
        let events = try await fixture.routing.assignWaiting()

        // Then she is back with boris, although anna's turn was older
        #expect(try await fixture.assignee(again) == boris)
        #expect(events.first?.payload.contains(#""reason":"sticky""#) == true)
    }

    @Test func withoutStickinessTheStrategyDecides() async throws {
        let fixture = try await RoutingFixture(reopenWindow: 60)
        defer { fixture.directory.remove() }
        try await fixture.store.saveRoutingSettings(RoutingSettings(defaultRouting: QueueRouting(strategy: .roundRobin, sticky: false)))
        let anna = try await fixture.addOperator("anna", online: true)
        _ = try await fixture.addOperator("boris", online: true)
        try await fixture.clientWrites("hi", from: "ivan")
        let olenas = try await fixture.clientWrites("hi", from: "olena")
        try await fixture.routing.assignWaiting()
        _ = try await fixture.store.transition(olenas, .resolve, at: fixture.clock.now())
        fixture.clock.advance(by: 86_400)
        let again = try await fixture.clientWrites("me again", from: "olena")
        try await fixture.routing.assignWaiting()
        #expect(try await fixture.assignee(again) == anna)
    }

    @Test func departmentsServeOnlyTheirOwnQueue() async throws {
        // Given a billing department with one member and a general operator
        let fixture = try await RoutingFixture()
        defer { fixture.directory.remove() }
        let billing = try await fixture.store.createDepartment(name: "Billing", routing: QueueRouting()).department.id
        let general = try await fixture.addOperator("anna", online: true)
        let biller = try await fixture.addOperator("boris", departments: [billing], online: false)
        let conversation = try await fixture.clientWrites("invoice?", from: "olena")
        try await fixture.routing.chooseDepartment(conversation, billing)

        // Then it waits for billing, not for the general operator
        #expect(try await fixture.assignee(conversation) == nil)
        #expect(try await fixture.store.queue().first?.departmentID == billing)
        try await fixture.routing.setPresence(biller, to: .online)
        #expect(try await fixture.assignee(conversation) == biller)
        #expect(try await fixture.store.conversation(conversation)?.departmentID == billing)
        #expect(general != biller)
    }

    @Test func aClientReturningToAResolvedConversationDoesNotWaitForAnOfflineOperator() async throws {
        // Given olena's conversation with anna was resolved and anna went offline; boris is online
        let fixture = try await RoutingFixture(reopenWindow: 3600)
        defer { fixture.directory.remove() }
        let anna = try await fixture.addOperator("anna", online: true)
        let conversation = try await fixture.clientWrites("hi", from: "olena")
        try await fixture.routing.assignWaiting()
        _ = try await fixture.store.transition(conversation, .resolve, at: fixture.clock.now())
        try await fixture.routing.setPresence(anna, to: .offline)
        let boris = try await fixture.addOperator("boris", online: true)

        // When she writes again within the reopen window
        let again = try await fixture.clientWrites("one more thing", from: "olena")
        #expect(again == conversation)
        #expect(try await fixture.assignee(conversation) == nil)
        try await fixture.routing.assignWaiting()

        // Then boris, who is there, gets it; and once it is resolved again and anna is back, she gets her client back
        #expect(try await fixture.assignee(conversation) == boris)
        _ = try await fixture.store.transition(conversation, .resolve, at: fixture.clock.now())
        try await fixture.routing.setPresence(anna, to: .online)
        try await fixture.routing.setPresence(boris, to: .offline)
        try await fixture.clientWrites("and another", from: "olena")
        try await fixture.routing.assignWaiting()
        #expect(try await fixture.assignee(conversation) == anna)
    }

    @Test func aResolvedConversationReopensWithItsOperatorWhenTheyAreOnline() async throws {
        let fixture = try await RoutingFixture(reopenWindow: 3600)
        defer { fixture.directory.remove() }
        let anna = try await fixture.addOperator("anna", online: true)
        let conversation = try await fixture.clientWrites("hi", from: "olena")
        try await fixture.routing.assignWaiting()
        _ = try await fixture.store.transition(conversation, .resolve, at: fixture.clock.now())
        try await fixture.clientWrites("one more thing", from: "olena")
        #expect(try await fixture.assignee(conversation) == anna)
    }

    @Test func askingForAHumanReleasesAConversationHeldByAnOfflineOperator() async throws {
        // Given olena's open conversation is held by anna, who went offline; boris is online
        let fixture = try await RoutingFixture()
        defer { fixture.directory.remove() }
        let anna = try await fixture.addOperator("anna", online: true)
        let conversation = try await fixture.clientWrites("hi", from: "olena")
        try await fixture.routing.assignWaiting()
        try await fixture.routing.setPresence(anna, to: .offline)
        let boris = try await fixture.addOperator("boris", online: true)

        // When she writes without asking for anyone, anna keeps it; when she asks for a human, boris gets it
        try await fixture.clientWrites("hello?", from: "olena")
        #expect(try await fixture.assignee(conversation) == anna)
        try await fixture.clientWrites("оператор!", from: "olena")
        try await fixture.routing.assignWaiting()
        #expect(try await fixture.assignee(conversation) == boris)
        #expect(try await fixture.store.conversationSummary(conversation, viewer: Viewer(operatorID: boris, role: .admin))?.escalated == true)
    }
}

@Suite struct DepartmentChoiceTests {
    @Test func aChannelThatAsksForADepartmentWaitsForTheClientsChoice() async throws {
        // Given a channel that asks for a department, with billing (boris) and anna online outside it
        let fixture = try await RoutingFixture()
        defer { fixture.directory.remove() }
        let billing = try await fixture.store.createDepartment(name: "Billing", routing: QueueRouting()).department.id
        try await fixture.store.saveChannelRouting(ChannelRouting(channelID: fixture.channel.id, defaultDepartmentID: nil, askDepartment: true))
        _ = try await fixture.addOperator("anna", online: true)
        let boris = try await fixture.addOperator("boris", departments: [billing], online: true)

        // When a client starts a conversation, nobody gets it before the choice
        let conversation = try await fixture.clientWrites("hello", from: "u-1")
        #expect(try await fixture.routing.assignWaiting().isEmpty)
        #expect(try await fixture.store.queue().map(\.conversationID) == [conversation])

        // Then choosing billing hands it to billing's operator at once
        try await fixture.routing.chooseDepartment(conversation, billing)
        #expect(try await fixture.assignee(conversation) == boris)
    }

    @Test func withoutAChoiceTheConversationIsAssignedAfterTheWaitAndAHumanRequestSkipsIt() async throws {
        let fixture = try await RoutingFixture()
        defer { fixture.directory.remove() }
        _ = try await fixture.store.createDepartment(name: "Billing", routing: QueueRouting())
        try await fixture.store.saveChannelRouting(ChannelRouting(channelID: fixture.channel.id, defaultDepartmentID: nil, askDepartment: true))
        let anna = try await fixture.addOperator("anna", capacity: 5, online: true)
        let silent = try await fixture.clientWrites("hello", from: "u-1")
        let urgent = try await fixture.clientWrites("human please", from: "u-2")
        try await fixture.routing.assignWaiting()
        #expect(try await fixture.assignee(urgent) == anna)
        #expect(try await fixture.assignee(silent) == nil)
        fixture.clock.advance(by: ChannelRouting.departmentChoiceWait - 2)
        #expect(try await fixture.routing.assignWaiting().isEmpty)
        fixture.clock.advance(by: 1)
        try await fixture.routing.assignWaiting()
        #expect(try await fixture.assignee(silent) == anna)
    }
}
