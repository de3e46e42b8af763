public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore: BotMessageStore {
    public func enqueueBotMessage(_ conversationID: ConversationID, text: String, at now: Date) async throws -> EnqueuedReply {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw StoreError.invalid("a bot message needs text") }
        return try await pool.write { db in
            guard let conversation = try Self.fetchConversation(db, conversationID) else {
                throw StoreError.notFound("conversation \(conversationID)")
            }
            try db.cachedExecute(
                sql: """
                    INSERT INTO messages (conversation_id, channel_id, direction, author_kind, text, delivery_state, created_at)
                    VALUES (?, ?, 'out', 'bot', ?, 'queued', ?)
                    """,
                arguments: [conversationID.rawValue, conversation.channelID.rawValue, text, now.timeIntervalSince1970]
            )
            let message = Message(
                id: MessageID(db.lastInsertedRowID),
                conversationID: conversationID,
                direction: .outbound,
                author: .bot,
                text: text,
                deliveryState: .queued,
                createdAt: now
            )
            try db.cachedExecute(
                sql: "INSERT INTO outbox (message_id, conversation_id, channel_id, next_attempt_at) VALUES (?, ?, ?, ?)",
                arguments: [message.id.rawValue, conversationID.rawValue, conversation.channelID.rawValue, now.timeIntervalSince1970]
            )
            var events = EventAppender(db)
            try events.append(
                .messageCreated,
                at: now,
                contact: conversation.contactID,
                conversation: conversationID,
                message: message.id,
                payload: message
            )
            return EnqueuedReply(message: message, events: events.appended)
        }
    }
}
