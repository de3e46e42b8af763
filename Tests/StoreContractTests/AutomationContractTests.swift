import Foundation
import SwitchboardCore
import Testing

/// What the automation keeps in the store: settings, texts, its cursor, queue facts and feedback.
@Suite struct AutomationContractTests {
    @Test(arguments: StoreFactory.all)
    func automationSettingsAreKeptPerScope(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            #expect(try await desk.store.automationSettingsPatch(channel: nil) == nil)
            let global = AutomationSettingsPatch(welcomeEnabled: true, autoCloseMinutes: 30, reopenAfterAutoClose: false)
            let channel = AutomationSettingsPatch(autoCloseMinutes: 90)

            try await desk.store.saveAutomationSettingsPatch(global, channel: nil, at: Desk.start)
            try await desk.store.saveAutomationSettingsPatch(channel, channel: desk.channel.id, at: Desk.start)

            #expect(try await desk.store.automationSettingsPatch(channel: nil) == global)
            #expect(try await desk.store.automationSettingsPatch(channel: desk.channel.id) == channel)
            try await desk.store.saveAutomationSettingsPatch(AutomationSettingsPatch(feedbackEnabled: true), channel: nil, at: Desk.start)
            #expect(try await desk.store.automationSettingsPatch(channel: nil) == AutomationSettingsPatch(feedbackEnabled: true))
            await expectStoreError(.notFound) {
                try await desk.store.saveAutomationSettingsPatch(channel, channel: ChannelID(9_999), at: Desk.start)
            }
        }
    }

    @Test(arguments: StoreFactory.all)
    func textOverridesAreSetReplacedAndRemovedPerScope(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            try await desk.store.saveAutomationText("Hi there", kind: .welcome, language: .en, channel: nil)
            try await desk.store.saveAutomationText("Hello!", kind: .welcome, language: .en, channel: nil)
            try await desk.store.saveAutomationText("Привіт", kind: .welcome, language: .uk, channel: desk.channel.id)

            #expect(
                try await desk.store.automationTextOverrides(channel: nil) == [
                    AutomationTextOverride(channelID: nil, kind: .welcome, language: .en, text: "Hello!")
                ]
            )
            #expect(
                try await desk.store.automationTextOverrides(channel: desk.channel.id) == [
                    AutomationTextOverride(channelID: desk.channel.id, kind: .welcome, language: .uk, text: "Привіт")
                ]
            )
            try await desk.store.saveAutomationText(nil, kind: .welcome, language: .en, channel: nil)
            #expect(try await desk.store.automationTextOverrides(channel: nil).isEmpty)
            await expectStoreError(.notFound) {
                try await desk.store.saveAutomationText("x", kind: .welcome, language: .en, channel: ChannelID(9_999))
            }
        }
    }

    @Test(arguments: StoreFactory.all)
    func theAutomationCursorIsRememberedAndNeverMovesBack(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            #expect(try await desk.store.automationCursor() == 0)

            try await desk.store.saveAutomationCursor(12)
            try await desk.store.saveAutomationCursor(7)

            #expect(try await desk.store.automationCursor() == 12)
        }
    }

    @Test(arguments: StoreFactory.all)
    func queuePositionCountsWhoWaitsAheadAndIsNilOnceTaken(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let first = try await desk.conversation(from: "a", at: desk.at(0))
            let second = try await desk.conversation(from: "b", at: desk.at(1))
            let third = try await desk.conversation(from: "c", at: desk.at(2))
            #expect(try await desk.store.queuePosition(of: third) == 3)

            _ = try await desk.store.assign(first, to: desk.agent.id, by: desk.agent.id, note: nil, at: desk.at(3))
            _ = try await desk.store.transition(second, .resolve, at: desk.at(4))

            #expect(try await desk.store.queuePosition(of: first) == nil)
            #expect(try await desk.store.queuePosition(of: second) == nil)
            #expect(try await desk.store.queuePosition(of: third) == 1)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aClientAskingForAHumanIsEscalatedOnceAndJumpsTheQueue(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let calm = try await desk.conversation(from: "calm", at: desk.at(0))
            let urgent = try await desk.clientWrites("I need an operator now", from: "urgent", at: desk.at(5))
            let id = try #require(urgent.conversationID)
            let again = try await desk.clientWrites("operator!!!", from: "urgent", at: desk.at(6))

            #expect(urgent.events.map(\.kind).contains(.conversationEscalated))
            #expect(!again.events.map(\.kind).contains(.conversationEscalated))
            #expect(try await desk.store.escalatedAt(id) == desk.at(5))
            #expect(try await desk.store.escalatedAt(calm) == nil)
            let queue = try await desk.store.queue()
            #expect(queue.map(\.conversationID) == [id, calm])
            #expect(queue.map(\.escalated) == [true, false])
            #expect(try await desk.store.queuePosition(of: id) == 1)
            #expect(try await desk.store.queuePosition(of: calm) == 2)
        }
    }

    @Test(arguments: StoreFactory.all)
    func customEscalationWordsReplaceTheDefaults(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let settings = RoutingSettings(escalationWords: ["manager"])
            try await desk.store.saveRoutingSettings(settings)
            #expect(try await desk.store.routingSettings() == settings)

            let asksManager = try await desk.clientWrites("get me a manager", from: "a", at: desk.at(0))
            let asksOperator = try await desk.clientWrites("get me an operator", from: "b", at: desk.at(1))

            #expect(try await desk.store.escalatedAt(try #require(asksManager.conversationID)) == desk.at(0))
            #expect(try await desk.store.escalatedAt(try #require(asksOperator.conversationID)) == nil)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aClientPicksADepartmentFromTheOfferedChoices(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let sales = try await desk.store.createDepartment(name: "Sales", routing: QueueRouting())
            let billing = try await desk.store.createDepartment(name: "Billing", routing: QueueRouting())
            try await desk.store.saveChannelRouting(ChannelRouting(channelID: desk.channel.id, defaultDepartmentID: nil, askDepartment: true))
            let id = try await desk.conversation(at: desk.at(0))
            #expect(try await desk.store.departmentChoices(id) == [billing.department, sales.department])

            let press = try await desk.ingestNew(desk.event(.buttonPress(action: DepartmentChoice.action(for: sales.department.id)), at: desk.at(5)))

            #expect(press.events.map(\.kind) == [.conversationDepartmentChanged, .buttonPressed])
            #expect(try await desk.conversationValue(id).departmentID == sales.department.id)
            #expect(try await desk.store.departmentChoices(id).isEmpty)
            let stale = try await desk.ingestNew(
                desk.event(.buttonPress(action: DepartmentChoice.action(for: billing.department.id)), at: desk.at(6))
            )
            #expect(stale.events.map(\.kind) == [.buttonPressed])
            #expect(try await desk.conversationValue(id).departmentID == sales.department.id)
        }
    }

    @Test(arguments: StoreFactory.all)
    func theOperatorNameIsTheirDisplayName(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { (desk: Desk) async throws in
            #expect(try await desk.store.operatorName(desk.agent.id) == "Maria")
            #expect(try await desk.store.operatorName(OperatorID(9_999)) == nil)
        }
    }
}
