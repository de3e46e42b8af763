import Foundation
import SwitchboardCore
import Testing

@Suite struct ConversationPolicyTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func conversation(_ status: ConversationStatus, resolvedAgo: TimeInterval? = nil) -> Conversation {
        Conversation(
            id: ConversationID(1),
            contactID: ContactID(1),
            channelID: ChannelID(1),
            identityID: IdentityID(1),
            status: status,
            openedAt: now.addingTimeInterval(-100_000_000),
            resolvedAt: resolvedAgo.map { now.addingTimeInterval(-$0) },
            lastMessageAt: now
        )
    }

    @Test func firstMessageOpensAConversation() {
        #expect(ConversationPolicy.placeClientMessage(latest: nil, now: now) == .openNew)
    }

    @Test func activeConversationsContinue() {
        #expect(ConversationPolicy.placeClientMessage(latest: conversation(.open), now: now) == .continueLatest)
        #expect(ConversationPolicy.placeClientMessage(latest: conversation(.pending), now: now) == .continueLatest)
    }

    @Test func recentlyResolvedReopensButOldOnesStartOver() {
        #expect(
            ConversationPolicy.placeClientMessage(latest: conversation(.resolved, resolvedAgo: 3600), now: now, reopenWindow: 7200) == .continueLatest
        )
        #expect(ConversationPolicy.placeClientMessage(latest: conversation(.resolved, resolvedAgo: 7201), now: now, reopenWindow: 7200) == .openNew)
    }
}
