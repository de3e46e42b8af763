public import Foundation

/// Whether an automatic message goes out, and what it stores: each trigger speaks once per conversation.
///
/// Unlike an operator's reply it changes neither the status nor the "client wrote last" flag:
/// a farewell or a feedback question must not reopen a resolved conversation.
public struct BotMessageRule: Sendable, Equatable {
    /// The conversation the message goes to.
    public var conversation: Conversation
    /// What to send, and the trigger to mark as used.
    public var draft: BotMessageDraft
    /// When the message is queued.
    public var queuedAt: Date

    /// Decides whether a bot message is stored.
    /// - Parameters:
    ///   - draft: the message and its trigger.
    ///   - conversation: the conversation it goes to.
    ///   - triggerUsed: whether the trigger already sent a message in this conversation.
    ///   - now: the time of queueing.
    /// - Returns: the message to store, or nil when its trigger was used before.
    public static func decide(_ draft: BotMessageDraft, in conversation: Conversation, triggerUsed: Bool, at now: Date) -> BotMessageRule? {
        triggerUsed ? nil : BotMessageRule(conversation: conversation, draft: draft, queuedAt: now)
    }

    /// The stored message, once the store has given it its id.
    public func message(id: MessageID) -> Message {
        Message(
            id: id,
            conversationID: conversation.id,
            direction: .outbound,
            author: .bot,
            text: draft.text,
            deliveryState: .queued,
            createdAt: queuedAt
        )
    }

    /// The events of the stored message.
    public func events(for message: Message) -> [EventDraft] {
        [.messageCreated(message, contact: conversation.contactID)]
    }
}
