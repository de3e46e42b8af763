import Foundation
import SwitchboardCore
import Testing

@Suite struct StatusTransitionTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func resolvingRecordsTheTimeAndItsEvent() throws {
        let conversation = Conversation.sample(status: .open, lastMessageAt: now.addingTimeInterval(-60))
        let transition = try #require(try StatusTransition.decide(conversation, .resolve, at: now))
        #expect(transition.conversation.status == .resolved)
        #expect(transition.conversation.resolvedAt == now)
        let payload = StatusChangePayload(conversationID: conversation.id, from: .open, to: .resolved, reopened: false)
        #expect(transition.event == .statusChanged(payload, contact: conversation.contactID, at: now))
    }

    @Test func reopeningClearsTheResolutionTime() throws {
        var conversation = Conversation.sample(status: .resolved, lastMessageAt: now.addingTimeInterval(-60))
        conversation.resolvedAt = now.addingTimeInterval(-30)
        let transition = try #require(try StatusTransition.decide(conversation, .reopen, at: now))
        #expect(transition.conversation.status == .open)
        #expect(transition.conversation.resolvedAt == nil)
        #expect(transition.event.kind == .conversationStatusChanged)
    }

    @Test func aReplyToAnOpenConversationChangesNothing() throws {
        let conversation = Conversation.sample(status: .open, lastMessageAt: now)
        #expect(try StatusTransition.decide(conversation, .operatorReply, at: now) == nil)
    }

    @Test func aSenselessTriggerIsRefused() {
        let conversation = Conversation.sample(status: .resolved, lastMessageAt: now)
        #expect(throws: StoreError.self) { try StatusTransition.decide(conversation, .markPending, at: now) }
    }
}
