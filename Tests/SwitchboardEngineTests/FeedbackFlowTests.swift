import Foundation
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

/// The feedback questions after an operator resolves a conversation.
@Suite struct FeedbackFlowTests {
    func resolvedConversation(_ harness: AutomationHarness, language: String = "en") async throws -> ConversationID {
        let conversation = try #require(try await harness.clientWrites("where is my parcel?", language: language))
        try await harness.operatorReplies(conversation, "It arrives tomorrow")
        try await harness.operatorApplies(.resolve, to: conversation)
        return conversation
    }

    @Test func aLowScoreAsksWhatWentWrongAndKeepsTheAnswerAsTheComment() async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        let conversation = try await resolvedConversation(harness)
        #expect(try await harness.botTexts(conversation).last == "Was your question resolved?")

        try await harness.clientPresses(FeedbackFlow.resolvedAction(false))
        #expect(try await harness.botTexts(conversation).last == "Rate us from 1 to 5")
        try await harness.clientPresses(FeedbackFlow.scoreAction(2))
        #expect(try await harness.botTexts(conversation).last == "What went wrong?")
        let messagesBefore = try await harness.store.messages(in: conversation).count
        let same = try await harness.clientWrites("It took three days")

        // The comment is not a message and does not reopen the conversation.
        #expect(same == conversation)
        #expect(try await harness.status(conversation) == .resolved)
        let feedback = try #require(try await harness.store.feedback(conversation))
        #expect(feedback.stage == .done && feedback.resolved == false && feedback.score == 2 && feedback.comment == "It took three days")
        let messages = try await harness.store.messages(in: conversation)
        #expect(messages.count == messagesBefore + 1)
        #expect(messages.last?.text == "Thank you for your feedback!")
    }

    @Test func aGoodScoreEndsWithThanksAndNoComment() async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        let conversation = try await resolvedConversation(harness, language: "ru")

        try await harness.clientPresses(FeedbackFlow.resolvedAction(true))
        try await harness.clientPresses(FeedbackFlow.scoreAction(5))

        #expect(try await harness.botTexts(conversation).suffix(3) == ["Ваш вопрос решён?", "Оцените нас от 1 до 5", "Спасибо за отзыв!"])
        let feedback = try #require(try await harness.store.feedback(conversation))
        #expect(feedback.stage == .done && feedback.resolved == true && feedback.score == 5 && feedback.comment == nil)
    }

    @Test func theQuestionsCarryButtons() async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        _ = try await resolvedConversation(harness, language: "uk")
        try await harness.clientPresses(FeedbackFlow.resolvedAction(true))
        while try await harness.dispatcher.dispatchDue() > 0 {}

        let withButtons = harness.adapter.sent.filter { !$0.buttons.isEmpty }
        #expect(withButtons.map(\.text) == ["Ваше питання вирішено?", "Оцініть нас від 1 до 5"])
        #expect(
            withButtons.first?.buttons == [ReplyButton(label: "Так", action: "fb:resolved:yes"), ReplyButton(label: "Ні", action: "fb:resolved:no")]
        )
        #expect(withButtons.last?.buttons.map(\.label) == ["1", "2", "3", "4", "5"])
    }

    @Test func writingSomethingElseSkipsTheFeedbackAndIsAnOrdinaryMessage() async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        let conversation = try await resolvedConversation(harness)

        let next = try await harness.clientWrites("Also, can I change the address?")

        #expect(next == conversation)
        #expect(try await harness.status(conversation) == .open)
        #expect(try await harness.store.messages(in: conversation).last?.text == "Also, can I change the address?")
        #expect(try await harness.store.feedback(conversation)?.stage == .skipped)
        // A stale button changes nothing, and resolving again does not ask a second time.
        try await harness.clientPresses(FeedbackFlow.resolvedAction(true))
        try await harness.operatorApplies(.resolve, to: conversation)
        #expect(try await harness.botTexts(conversation).filter { $0 == "Was your question resolved?" }.count == 1)
        #expect(try await harness.store.feedback(conversation)?.stage == .skipped)
    }

    @Test func aButtonPressIsNotClientText() async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        let conversation = try await resolvedConversation(harness)
        let before = try await harness.store.messages(in: conversation).count

        try await harness.clientPresses(FeedbackFlow.resolvedAction(true))

        let messages = try await harness.store.messages(in: conversation)
        #expect(messages.count == before + 1)
        #expect(messages.filter { $0.author == .client }.count == 1)
        #expect(try await harness.status(conversation) == .resolved)
    }
}
