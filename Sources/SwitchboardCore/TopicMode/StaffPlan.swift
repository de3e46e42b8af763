public import Foundation

/// What the store knows about a staff-group message, read before deciding.
public struct StaffSnapshot: Sendable, Equatable {
    /// The update was handled before (a redelivery): nothing may happen again.
    public var alreadyHandled: Bool
    /// The operator the sender's Telegram account is linked to.
    public var sender: StaffOperator?
    /// The conversation whose topic the message is in.
    public var conversationID: ConversationID?
    /// Its current holder.
    public var assigneeID: OperatorID?
    /// Everyone `/transfer` may name.
    public var operators: [StaffOperator]
    /// For `/link CODE`: the operator the code was issued to, while it is valid.
    public var codeOwner: StaffOperator?

    /// Creates a snapshot.
    public init(
        alreadyHandled: Bool,
        sender: StaffOperator?,
        conversationID: ConversationID?,
        assigneeID: OperatorID? = nil,
        operators: [StaffOperator] = [],
        codeOwner: StaffOperator? = nil
    ) {
        self.alreadyHandled = alreadyHandled
        self.sender = sender
        self.conversationID = conversationID
        self.assigneeID = assigneeID
        self.operators = operators
        self.codeOwner = codeOwner
    }
}

/// A change the staff message makes, for the store (or, for commands, the inbox's own operations).
public enum StaffEffect: Sendable, Equatable {
    /// The operator takes the conversation (before answering an unassigned one, or `/take`).
    case assign(ConversationID, to: OperatorID, by: OperatorID)
    /// A lifecycle change (`/resolve`).
    case transition(ConversationID, ConversationTrigger, by: OperatorID)
    /// Stores the answer and queues it for the client; remembers it came from the topic.
    case reply(ReplyDraft, topicMessageID: Int64)
    /// Stores a private note; remembers it came from the topic.
    case note(ConversationID, OperatorID, String, topicMessageID: Int64)
    /// Ties a Telegram account to an operator and uses up the code.
    case link(telegramUserID: Int64, operatorID: OperatorID, code: String)
    /// Bans the conversation's client (`/ban REASON`); audited under the sender's name.
    case ban(ConversationID, reason: String, by: AuditActor)
    /// Says something in the topic the message came from.
    case notice(TopicJobDraft)
}

/// Turns a staff message into effects: the operations that change conversations first (they are
/// safe to repeat), then the one transaction that marks the update handled with its stored messages
/// and notices, so a redelivery after a crash repeats nothing that shows.
public enum StaffPlan {
    /// How long a link code from the inbox stays valid.
    public static let linkCodeLifetime: TimeInterval = 600

    /// The effects, in the order they apply; empty for a redelivered update.
    public static func effects(_ update: StaffUpdate, snapshot: StaffSnapshot, now: Date) -> [StaffEffect] {
        guard !snapshot.alreadyHandled else { return [] }
        let command = StaffCommand.parse(update.text, botUsername: update.botUsername)
        let action = StaffMessageRule.decide(
            .init(command: command, sender: snapshot.sender, conversationID: snapshot.conversationID, operators: snapshot.operators)
        )
        func notice(_ text: String) -> StaffEffect {
            .notice(
                TopicJobDraft(
                    channelID: update.channelID,
                    conversationID: snapshot.conversationID,
                    threadID: update.threadID,
                    kind: .notice(text),
                    source: "update:\(update.channelID):\(update.updateID)",
                    queuedAt: now
                )
            )
        }
        switch action {
        case .ignore:
            return []
        case .notice(let text):
            return [notice(text)]
        case .reply(let sender, let conversation, let text):
            let draft = ReplyDraft(conversationID: conversation, operatorID: sender, text: text)
            guard (try? draft.validate()) != nil else {
                return [notice("Not sent: only text reaches the client from a topic; send files from the inbox.")]
            }
            let take: [StaffEffect] = snapshot.assigneeID == nil ? [.assign(conversation, to: sender, by: sender)] : []
            return take + [.reply(draft, topicMessageID: update.messageID)]
        case .note(let sender, let conversation, let text):
            return [.note(conversation, sender, text, topicMessageID: update.messageID)]
        case .link(let code):
            guard let owner = snapshot.codeOwner, owner.isActive else {
                return [notice("That link code is unknown or expired: get a new one in the inbox.")]
            }
            return [
                .link(telegramUserID: update.senderID, operatorID: owner.id, code: code),
                notice("\(update.senderName) is now linked to \(owner.displayName): your messages in topics answer clients as \(owner.displayName)."),
            ]
        case .take(let sender, let conversation):
            return [.assign(conversation, to: sender, by: sender), notice("Taken by \(snapshot.sender?.displayName ?? "you").")]
        case .resolve(let sender, let conversation):
            return [.transition(conversation, .resolve, by: sender)]
        case .transfer(let sender, let conversation, let target):
            return [.assign(conversation, to: target.id, by: sender), notice("Transferred to \(target.displayName).")]
        case .ban(let sender, let conversation, let reason):
            return [
                .ban(conversation, reason: reason, by: sender.auditActor),
                notice("Banned by \(sender.displayName): \(reason). The client's messages are kept but open nothing; lift the ban in the inbox."),
            ]
        }
    }
}
