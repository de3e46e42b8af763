public import Foundation

/// Stores messages the desk itself sends to a client (automatic answers), through the same
/// outbox as operators' replies, so they are durable and delivered at least once.
public protocol BotMessageStore: Sendable {
    /// Stores `text` as a queued bot message of the conversation, with its outbox row and event.
    /// The conversation still awaits a person's reply.
    /// - Throws: `StoreError.notFound` for an unknown conversation, `StoreError.invalid` for empty text.
    func enqueueBotMessage(_ conversationID: ConversationID, text: String, at now: Date) async throws -> EnqueuedReply
}
