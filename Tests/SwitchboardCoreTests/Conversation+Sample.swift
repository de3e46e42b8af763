import Foundation
import SwitchboardCore

extension Conversation {
    /// A conversation for decider tests: contact 7 on channel 1, last message at `lastMessageAt`.
    static func sample(id: Int64 = 1, status: ConversationStatus = .open, assignee: OperatorID? = nil, lastMessageAt: Date) -> Conversation {
        Conversation(
            id: ConversationID(id),
            contactID: ContactID(7),
            channelID: ChannelID(1),
            identityID: IdentityID(3),
            status: status,
            assigneeID: assignee,
            openedAt: lastMessageAt.addingTimeInterval(-600),
            lastMessageAt: lastMessageAt
        )
    }
}
