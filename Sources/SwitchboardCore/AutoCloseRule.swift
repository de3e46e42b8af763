public import Foundation

/// Whether an idle conversation closes by itself, and what the close changes.
///
/// Only an open or pending conversation closes, never while the client waits for an operator's answer
/// (a pending one waits for the client instead), and only when nothing was written after `idleSince`.
public struct AutoCloseRule: Sendable, Equatable {
    /// The rows the rule reads.
    public struct Snapshot: Sendable, Equatable {
        public var conversation: Conversation
        /// The client wrote last and waits for an operator's reply.
        public var awaitingReply: Bool

        /// Creates a snapshot.
        public init(conversation: Conversation, awaitingReply: Bool) {
            self.conversation = conversation
            self.awaitingReply = awaitingReply
        }
    }

    /// The conversation to resolve.
    public var conversationID: ConversationID
    /// When it is resolved (its `resolved_at`, and the automatic-close mark's time).
    public var closedAt: Date
    /// Whether the client's next message reopens it (else it opens a new conversation); kept with the mark.
    public var reopens: Bool
    /// The `conversation.status_changed` event of the close.
    public var events: [EventDraft]

    /// Decides the automatic close of one conversation.
    /// - Parameters:
    ///   - snapshot: the conversation as it is now.
    ///   - idleSince: the last message must not be later than this.
    ///   - reopens: whether the client's next message reopens the conversation.
    ///   - now: the time of the close.
    /// - Returns: the close, or nil when the conversation is not idle and closable.
    public static func decide(_ snapshot: Snapshot, idleSince: Date, reopens: Bool, at now: Date) -> AutoCloseRule? {
        let conversation = snapshot.conversation
        guard !snapshot.awaitingReply || conversation.status == .pending, conversation.lastMessageAt <= idleSince else { return nil }
        var machine = ConversationStateMachine(status: conversation.status)
        guard case .changed(let from, let to, let reopened)? = try? machine.handle(.resolve) else { return nil }
        let change = StatusChangePayload(conversationID: conversation.id, from: from, to: to, reopened: reopened)
        return AutoCloseRule(
            conversationID: conversation.id,
            closedAt: now,
            reopens: reopens,
            events: [.statusChanged(change, contact: conversation.contactID, at: now)]
        )
    }
}
