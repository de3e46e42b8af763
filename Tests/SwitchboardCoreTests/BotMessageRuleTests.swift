import Foundation
import SwitchboardCore
import Testing

@Suite struct BotMessageRuleTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let draft = BotMessageDraft(conversationID: ConversationID(1), trigger: "welcome", text: "Hello!", buttons: [])

    @Test func usedTriggerSendsNothing() {
        let conversation = Conversation.sample(lastMessageAt: now)
        #expect(BotMessageRule.decide(draft, in: conversation, triggerUsed: true, at: now) == nil)
    }

    @Test func newTriggerQueuesABotMessageWithItsEvent() throws {
        let conversation = Conversation.sample(status: .resolved, lastMessageAt: now.addingTimeInterval(-60))
        let rule = try #require(BotMessageRule.decide(draft, in: conversation, triggerUsed: false, at: now))
        let message = rule.message(id: MessageID(42))
        #expect(message.author == .bot)
        #expect(message.direction == .outbound)
        #expect(message.deliveryState == .queued)
        #expect(message.text == "Hello!")
        #expect(message.createdAt == now)
        #expect(rule.events(for: message) == [.messageCreated(message, contact: ContactID(7))])
    }
}
