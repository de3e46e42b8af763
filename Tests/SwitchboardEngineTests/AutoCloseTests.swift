import Foundation
import Logging
import SQLiteStore
import ServiceLifecycle
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

/// Closing idle conversations on a durable timer.
@Suite struct AutoCloseTests {
    /// A conversation where the operator answered and the client went quiet.
    func answeredConversation(_ harness: AutomationHarness, language: String = "en") async throws -> ConversationID {
        let conversation = try #require(try await harness.clientWrites("my order is late", language: language))
        try await harness.operatorReplies(conversation)
        return conversation
    }

    @Test func closesAfterExactlyTheIdleMinutesAndNotBefore() async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        let conversation = try await answeredConversation(harness)

        #expect(try await harness.advance(minutes: 29 + 59.0 / 60) == 0)
        #expect(try await harness.status(conversation) == .open)

        #expect(try await harness.advance(minutes: 1.0 / 60) == 1)
        #expect(try await harness.status(conversation) == .resolved)
        #expect(try await harness.botTexts(conversation).last == "We are closing this chat for now. Write any time and we will help.")
    }

    @Test func aClientMessageRestartsTheIdleTime() async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        let conversation = try await answeredConversation(harness)
        try await harness.advance(minutes: 20)
        try await harness.clientWrites("still there?")
        try await harness.operatorReplies(conversation, "yes")

        #expect(try await harness.advance(minutes: 29) == 0)
        #expect(try await harness.status(conversation) == .open)
        #expect(try await harness.advance(minutes: 1) == 1)
        #expect(try await harness.status(conversation) == .resolved)
    }

    @Test func theFarewellIsSentOnceInTheClientsLanguageAndNoFeedbackFollows() async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        let conversation = try await answeredConversation(harness, language: "uk")

        try await harness.advance(minutes: 30)
        try await harness.advance(minutes: 30)
        try await harness.automation.catchUp()

        let texts = try await harness.botTexts(conversation)
        #expect(texts.filter { $0 == "Поки що закриваємо цей чат. Пишіть будь-коли, ми допоможемо." }.count == 1)
        #expect(try await harness.store.feedback(conversation) == nil)
    }

    @Test func pendingConversationsAreClosedToo() async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        let conversation = try #require(try await harness.clientWrites("I will send the receipt later"))
        try await harness.operatorApplies(.markPending, to: conversation)

        try await harness.advance(minutes: 30)

        #expect(try await harness.status(conversation) == .resolved)
    }

    @Test func aClientWaitingForAnOperatorIsNotClosed() async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        let conversation = try #require(try await harness.clientWrites("hello?"))

        try await harness.advance(minutes: 45)

        #expect(try await harness.status(conversation) == .open)
    }

    @Test func theIdleMinutesAreAChannelSetting() async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        try await harness.store.saveAutomationSettingsPatch(
            AutomationSettingsPatch(autoCloseMinutes: 5),
            channel: harness.fixture.channel.id,
            at: Date()
        )
        let conversation = try await answeredConversation(harness)

        #expect(try await harness.advance(minutes: 4) == 0)
        #expect(try await harness.advance(minutes: 1) == 1)
        #expect(try await harness.status(conversation) == .resolved)
    }

    @Test(arguments: [true, false])
    func theNextMessageReopensOrOpensANewConversationAsConfigured(reopens: Bool) async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        try await harness.store.saveAutomationSettingsPatch(AutomationSettingsPatch(reopenAfterAutoClose: reopens), channel: nil, at: Date())
        let conversation = try await answeredConversation(harness)
        try await harness.advance(minutes: 30)

        let next = try await harness.clientWrites("one more thing")

        #expect((next == conversation) == reopens)
        #expect(try await harness.status(try #require(next)) == .open)
    }

    @Test func aRestartInTheMiddleDoesNotLoseTheTimer() async throws {
        let first = try await AutomationHarness()
        defer { first.fixture.directory.remove() }
        let conversation = try await answeredConversation(first)
        try await first.advance(minutes: 15)

        // The process stops; a new one opens the same database file.
        let second = try await first.restarted()
        #expect(try await second.store.nextTimerDue() == Date(timeIntervalSince1970: 1_800_000_000 + 30 * 60))

        #expect(try await second.advance(minutes: 14) == 0)
        #expect(try await second.advance(minutes: 1) == 1)
        #expect(try await second.status(conversation) == .resolved)
    }

    @Test func theSchedulerServiceWakesAtTheEarliestDueTime() async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        let conversation = try await answeredConversation(harness)
        let scheduler = harness.automation.scheduler

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await scheduler.run() }
            // The service sleeps on the manual clock until the auto-close is due.
            try await eventually("the scheduler sleeps") { harness.clock.sleeperCount == 1 }
            harness.clock.advance(by: 29 * 60)
            try await eventually("the scheduler sleeps again") { harness.clock.sleeperCount == 1 }
            #expect(try await harness.status(conversation) == .open)

            harness.clock.advance(by: 60)
            try await eventually("the conversation is closed") { try await harness.status(conversation) == .resolved }
            group.cancelAll()
        }
    }
}
