import Foundation
import SwitchboardCore
import Testing

/// The one-line rules that left the store: each decides something a second store must not repeat.
@Suite struct SmallDecisionTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func removingAChannelFailsItsQueuedRepliesAndFreesItsName() {
        let queued = [ChannelRemovalPlan.Queued(messageID: MessageID(4), conversationID: ConversationID(2))]
        let plan = ChannelRemovalPlan(
            channel: ChannelID(3),
            name: "Support",
            queued: queued,
            conversationsKept: 9,
            reason: "channel removed",
            at: now
        )
        #expect(plan.removal == ChannelRemoval(name: "Support", conversationsKept: 9, repliesFailed: 1))
        #expect(plan.retiredName == "Support~removed-3")
        let failure = DeliveryPayload(messageID: MessageID(4), conversationID: ConversationID(2), state: .failed, reason: "channel removed")
        #expect(plan.failures == [failure])
        #expect(
            plan.events == [
                EventDraft(.messageDelivery, at: now, conversation: ConversationID(2), message: MessageID(4), payload: .delivery(failure))
            ]
        )
    }

    @Test func aPinnedContextShowsItsDataAndAVanishedOneIsMissing() {
        let context = DeepLinkContext(key: "k", data: "{}", createdAt: now, expiresAt: now.addingTimeInterval(60))
        #expect(PinnedContext.resolve(key: "k", status: .pinned, context: context) == PinnedContext(key: "k", status: .pinned, context: context))
        #expect(PinnedContext.resolve(key: "k", status: .pinned, context: nil) == PinnedContext(key: "k", status: .missing, context: nil))
        #expect(PinnedContext.resolve(key: "k", status: .expired, context: context) == PinnedContext(key: "k", status: .expired, context: nil))
        // Conversations from before contexts existed carry a key without a status.
        #expect(PinnedContext.resolve(key: "k", status: nil, context: nil).status == .missing)
    }

    @Test func onlyAResolvedConversationIsReviewed() throws {
        try Review.check(.resolved)
        #expect(throws: ReviewError.notResolved) { try Review.check(.open) }
        #expect(throws: ReviewError.notResolved) { try Review.check(.pending) }
    }

    @Test func resolvingStartsTheSurveyWithItsEvent() {
        let conversation = Conversation.sample(status: .resolved, lastMessageAt: now)
        let start = ConversationFeedback.started(conversation, at: now)
        #expect(start.feedback == ConversationFeedback(conversationID: conversation.id, stage: .askedResolved, askedAt: now, updatedAt: now))
        #expect(start.event.kind == .conversationFeedback)
        #expect(start.event.contactID == conversation.contactID)
    }

    @Test func aNewTokenClearsTheChannelsProblem() {
        #expect(ChannelChange(tokenCiphertext: Data([1])).clearsProblem)
        #expect(!ChannelChange(isPaused: true).clearsProblem)
    }
}
