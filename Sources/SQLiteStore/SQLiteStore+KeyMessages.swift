public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    public func enqueueKeyMessage(
        in conversationID: ConversationID,
        apiKeyID: Int64,
        text: String,
        attachments: [Attachment],
        at now: Date
    )
        async throws -> EnqueuedReply
    {
        try await pool.write { db in
            guard let conversation = try Self.fetchConversation(db, conversationID) else {
                throw StoreError.notFound("conversation \(conversationID)")
            }
            guard try db.cachedRow(sql: "SELECT 1 FROM api_keys WHERE id = ?", arguments: [apiKeyID]) != nil else {
                throw StoreError.notFound("API key \(apiKeyID)")
            }
            // Author bot like the desk's own messages: a key's post is not an operator's answer, so the
            // conversation's status and first-response time stay as they are.
            let message = try Self.queueOutbound(
                db,
                Message(
                    id: MessageID(0),
                    conversationID: conversationID,
                    direction: .outbound,
                    author: .bot,
                    text: text,
                    attachments: attachments,
                    deliveryState: .queued,
                    createdAt: now
                ),
                channel: conversation.channelID
            )
            try db.cachedExecute(sql: "UPDATE messages SET api_key_id = ? WHERE id = ?", arguments: [apiKeyID, message.id.rawValue])
            var events = EventAppender(db)
            try events.append([.messageCreated(message, contact: conversation.contactID)])
            return EnqueuedReply(message: message, events: events.appended)
        }
    }
}
