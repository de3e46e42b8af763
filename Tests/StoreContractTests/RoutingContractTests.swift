import Foundation
import SwitchboardCore
import Testing

/// Presence, departments, queues and assignment.
@Suite struct RoutingContractTests {
    @Test(arguments: StoreFactory.all)
    func presenceChangesAreLoggedAndPublishedOnlyWhenTheyChangeSomething(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let (online, events) = try await desk.store.setPresence(desk.agent.id, to: .online, reason: .manual, at: desk.at(0))
            let (_, repeated) = try await desk.store.setPresence(desk.agent.id, to: .online, reason: .manual, at: desk.at(5))
            _ = try await desk.store.setPresence(desk.agent.id, to: .away, reason: .manual, at: desk.at(10))

            #expect(online.status == .online)
            #expect(events.map(\.kind) == [.operatorPresenceChanged])
            #expect(repeated.isEmpty)
            #expect(
                try await desk.store.presenceLog(of: desk.agent.id) == [
                    PresenceLogEntry(operatorID: desk.agent.id, status: .online, at: desk.at(0), reason: .manual),
                    PresenceLogEntry(operatorID: desk.agent.id, status: .away, at: desk.at(10), reason: .manual),
                ]
            )
            await expectStoreError(.notFound) {
                try await desk.store.setPresence(OperatorID(9_999), to: .online, reason: .manual, at: desk.at(11))
            }
        }
    }

    @Test(arguments: StoreFactory.all)
    func operatorsNotSeenSinceTheCutoffGoOfflineByTimeout(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let other = try await desk.makeOperator("petro")
            _ = try await desk.store.setPresence(desk.agent.id, to: .online, reason: .manual, at: desk.at(0))
            _ = try await desk.store.setPresence(other.id, to: .away, reason: .manual, at: desk.at(0))
            try await desk.store.recordActivity(desk.agent.id, at: desk.at(100))
            #expect(try await desk.store.oldestActivityOfPresentOperators() == desk.at(0))

            let events = try await desk.store.expirePresence(notSeenSince: desk.at(50), at: desk.at(120))

            #expect(events.map(\.kind) == [.operatorPresenceChanged])
            #expect(
                try await desk.store.presenceLog(of: other.id).last
                    == PresenceLogEntry(operatorID: other.id, status: .offline, at: desk.at(120), reason: .timeout)
            )
            #expect(try await desk.store.presenceLog(of: desk.agent.id).map(\.status) == [.online])
            #expect(try await desk.store.oldestActivityOfPresentOperators() == desk.at(100))
            #expect(try await desk.store.expirePresence(notSeenSince: desk.at(50), at: desk.at(130)).isEmpty)
        }
    }

    @Test(arguments: StoreFactory.all)
    func waitingConversationsGoToOnlineOperatorsWithRoomOldestFirst(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let first = try await desk.conversation(from: "a", at: desk.at(0))
            let second = try await desk.conversation(from: "b", at: desk.at(1))
            _ = try await desk.store.updateOperatorRouting(desk.agent.id, maxConcurrent: 1, departmentIDs: nil)
            #expect(try await desk.store.assignWaiting(at: desk.at(2)).isEmpty)
            _ = try await desk.store.setPresence(desk.agent.id, to: .online, reason: .manual, at: desk.at(3))

            let events = try await desk.store.assignWaiting(at: desk.at(4))

            #expect(events.map(\.kind) == [.conversationAssigned])
            #expect(events.first?.conversationID == first)
            #expect(try await desk.conversationValue(first).assigneeID == desk.agent.id)
            #expect(try await desk.conversationValue(second).assigneeID == nil)
            let queue = try await desk.store.queue()
            #expect(queue.map(\.conversationID) == [second])
            #expect(queue.first?.position == 1)
            #expect(queue.first?.waitingSince == desk.at(1))
            #expect(try await desk.store.assignWaiting(at: desk.at(5)).isEmpty)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aDepartmentsConversationsGoOnlyToItsMembers(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let sales = try await desk.store.createDepartment(name: "Sales", routing: QueueRouting())
            let member = try await desk.makeOperator("petro")
            _ = try await desk.store.updateOperatorRouting(member.id, maxConcurrent: nil, departmentIDs: [sales.department.id])
            try await desk.store.saveChannelRouting(
                ChannelRouting(channelID: desk.channel.id, defaultDepartmentID: sales.department.id, askDepartment: false)
            )
            let id = try await desk.conversation(at: desk.at(0))
            #expect(try await desk.conversationValue(id).departmentID == sales.department.id)
            _ = try await desk.store.setPresence(desk.agent.id, to: .online, reason: .manual, at: desk.at(1))

            #expect(try await desk.store.assignWaiting(at: desk.at(2)).isEmpty)
            _ = try await desk.store.setPresence(member.id, to: .online, reason: .manual, at: desk.at(3))
            _ = try await desk.store.assignWaiting(at: desk.at(4))

            #expect(try await desk.conversationValue(id).assigneeID == member.id)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aTakeAppliesOnlyWhileTheHolderIsTheOneTheOperatorSaw(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let other = try await desk.makeOperator("petro")
            let id = try await desk.conversation(at: desk.at(0))
            // Both saw it waiting; Petro's take lands first
            _ = try await desk.store.assign(id, to: other.id, expecting: .holder(nil), by: other.id, note: nil, at: desk.at(1))
            await #expect(throws: AssignmentConflict(holder: other.id)) {
                try await desk.store.assign(id, to: desk.agent.id, expecting: .holder(nil), by: desk.agent.id, note: nil, at: desk.at(2))
            }
            #expect(try await desk.conversationValue(id).assigneeID == other.id)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aReturningClientGoesBackToTheirPreviousOperatorWhenSticky(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let other = try await desk.makeOperator("petro")
            let first = try await desk.conversation(at: desk.at(0))
            _ = try await desk.store.assign(first, to: other.id, by: other.id, note: nil, at: desk.at(1))
            _ = try await desk.store.transition(first, .resolve, at: desk.at(2))
            for id in [desk.agent.id, other.id] {
                _ = try await desk.store.setPresence(id, to: .online, reason: .manual, at: desk.at(3))
            }
            let later = try await desk.clientWrites("me again", at: desk.at(10 + ConversationPolicy.defaultReopenWindow))

            _ = try await desk.store.assignWaiting(at: desk.at(11 + ConversationPolicy.defaultReopenWindow))

            #expect(try await desk.conversationValue(try #require(later.conversationID)).assigneeID == other.id)
        }
    }

    @Test(arguments: StoreFactory.all)
    func assigningAndUnassigningByHand(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))

            let taken = try await desk.store.assign(id, to: desk.agent.id, by: desk.agent.id, note: nil, at: desk.at(1))
            let again = try await desk.store.assign(id, to: desk.agent.id, by: desk.agent.id, note: nil, at: desk.at(2))
            #expect(taken.map(\.kind) == [.conversationAssigned])
            #expect(again.isEmpty)
            #expect(try await desk.store.queue().isEmpty)

            let released = try await desk.store.assign(id, to: nil, by: desk.agent.id, note: "lunch", at: desk.at(3))
            #expect(released.map(\.kind) == [.conversationAssigned])
            #expect(try await desk.conversationValue(id).assigneeID == nil)
            #expect(try await desk.store.queue().map(\.conversationID) == [id])
            #expect(try await desk.store.queue().first?.waitingSince == desk.at(3))
            await expectStoreError(.notFound) {
                try await desk.store.assign(id, to: OperatorID(9_999), by: desk.agent.id, note: nil, at: desk.at(4))
            }
        }
    }

    @Test(arguments: StoreFactory.all)
    func aTransferMovesTheConversationToTheDepartmentsQueue(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let billing = try await desk.store.createDepartment(name: "Billing", routing: QueueRouting())
            let id = try await desk.conversation(at: desk.at(0))
            _ = try await desk.store.assign(id, to: desk.agent.id, by: desk.agent.id, note: nil, at: desk.at(1))

            let events = try await desk.store.transfer(id, toDepartment: billing.department.id, by: desk.agent.id, note: "refund", at: desk.at(2))

            #expect(events.map(\.kind) == [.conversationDepartmentChanged, .conversationAssigned])
            let conversation = try await desk.conversationValue(id)
            #expect(conversation.departmentID == billing.department.id)
            #expect(conversation.assigneeID == nil)
            #expect(try await desk.store.queue().map(\.departmentID) == [billing.department.id])
            await expectStoreError(.notFound) {
                try await desk.store.transfer(id, toDepartment: DepartmentID(9_999), by: nil, note: nil, at: desk.at(3))
            }
        }
    }

    @Test(arguments: StoreFactory.all)
    func departmentsAreCreatedRenamedAndListedByName(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let sales = try await desk.store.createDepartment(name: "Sales", routing: QueueRouting(strategy: .roundRobin, sticky: false))
            _ = try await desk.store.createDepartment(name: "Billing", routing: QueueRouting())
            _ = try await desk.store.updateOperatorRouting(desk.agent.id, maxConcurrent: 3, departmentIDs: [sales.department.id])

            let renamed = try await desk.store.updateDepartment(sales.department.id, name: "Accounts", routing: nil)

            #expect(renamed.department == Department(id: sales.department.id, name: "Accounts"))
            #expect(renamed.routing == QueueRouting(strategy: .roundRobin, sticky: false))
            #expect(try await desk.store.departments().map(\.department.name) == ["Accounts", "Billing"])
            #expect(try await desk.store.departments().first?.operatorIDs == [desk.agent.id])
            await expectStoreError(.conflict) { try await desk.store.createDepartment(name: "Billing", routing: QueueRouting()) }
            await expectStoreError(.conflict) { try await desk.store.updateDepartment(sales.department.id, name: "Billing", routing: nil) }
            await expectStoreError(.notFound) { try await desk.store.updateDepartment(DepartmentID(9_999), name: "X", routing: nil) }
        }
    }

    @Test(arguments: StoreFactory.all)
    func operatorRoutingChangesCapacityAndDepartments(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let sales = try await desk.store.createDepartment(name: "Sales", routing: QueueRouting())

            let (changed, departments) = try await desk.store.updateOperatorRouting(
                desk.agent.id,
                maxConcurrent: 2,
                departmentIDs: [sales.department.id]
            )
            let (kept, keptDepartments) = try await desk.store.updateOperatorRouting(desk.agent.id, maxConcurrent: nil, departmentIDs: nil)

            #expect(changed.maxConcurrentConversations == 2)
            #expect(departments == [sales.department.id])
            #expect(kept.maxConcurrentConversations == 2)
            #expect(keptDepartments == [sales.department.id])
            #expect(try await desk.store.viewer(desk.agent.id)?.1.departmentIDs == [sales.department.id])
            await expectStoreError(.invalid) { try await desk.store.updateOperatorRouting(desk.agent.id, maxConcurrent: 0, departmentIDs: nil) }
            await expectStoreError(.notFound) {
                try await desk.store.updateOperatorRouting(desk.agent.id, maxConcurrent: nil, departmentIDs: [DepartmentID(9_999)])
            }
        }
    }

    @Test(arguments: StoreFactory.all)
    func channelRoutingIsSavedAndReadBack(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let sales = try await desk.store.createDepartment(name: "Sales", routing: QueueRouting())
            #expect(
                try await desk.store.channelRouting(desk.channel.id)
                    == ChannelRouting(channelID: desk.channel.id, defaultDepartmentID: nil, askDepartment: false)
            )
            let routing = ChannelRouting(channelID: desk.channel.id, defaultDepartmentID: sales.department.id, askDepartment: true)

            try await desk.store.saveChannelRouting(routing)

            #expect(try await desk.store.channelRouting(desk.channel.id) == routing)
            await expectStoreError(.notFound) { try await desk.store.channelRouting(ChannelID(9_999)) }
            await expectStoreError(.notFound) {
                try await desk.store.saveChannelRouting(ChannelRouting(channelID: ChannelID(9_999), defaultDepartmentID: nil, askDepartment: false))
            }
        }
    }
}
