import Foundation
import SwitchboardCore
import Testing

@Suite struct AutoCloseRuleTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    var idleSince: Date { now.addingTimeInterval(-3600) }

    func decide(_ status: ConversationStatus, awaitingReply: Bool = false, lastMessage: TimeInterval = -7200) -> AutoCloseRule? {
        let conversation = Conversation.sample(status: status, lastMessageAt: now.addingTimeInterval(lastMessage))
        return AutoCloseRule.decide(.init(conversation: conversation, awaitingReply: awaitingReply), idleSince: idleSince, reopens: true, at: now)
    }

    @Test(arguments: [ConversationStatus.open, .pending])
    func idleConversationResolvesWithItsStatusChange(_ status: ConversationStatus) throws {
        let close = try #require(decide(status))
        #expect(close.closedAt == now)
        #expect(close.reopens)
        let change = StatusChangePayload(conversationID: ConversationID(1), from: status, to: .resolved, reopened: false)
        #expect(close.events == [.statusChanged(change, contact: ContactID(7), at: now)])
        #expect(close.events.first?.kind == .conversationStatusChanged)
    }

    @Test func resolvedConversationDoesNotCloseAgain() {
        #expect(decide(.resolved) == nil)
    }

    @Test func clientWaitingForAnAnswerKeepsAnOpenConversation() {
        #expect(decide(.open, awaitingReply: true) == nil)
    }

    @Test func pendingConversationClosesEvenIfTheClientWroteLast() {
        #expect(decide(.pending, awaitingReply: true) != nil)
    }

    @Test func messageAfterIdleSinceKeepsItOpen() {
        #expect(decide(.open, lastMessage: -60) == nil)
        // Exactly at the boundary it is idle.
        #expect(decide(.open, lastMessage: -3600) != nil)
    }

    @Test func theMarkRemembersWhetherTheNextMessageReopens() throws {
        let conversation = Conversation.sample(lastMessageAt: idleSince)
        let close = try #require(
            AutoCloseRule.decide(.init(conversation: conversation, awaitingReply: false), idleSince: idleSince, reopens: false, at: now)
        )
        #expect(!close.reopens)
    }
}
