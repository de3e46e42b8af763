public import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func enqueueKeyMessage(
        in conversationID: ConversationID,
        apiKeyID: Int64,
        text: String,
        attachments: [Attachment],
        at now: Date
    )
        async throws -> EnqueuedReply
    {
        try await write { db in
            guard try await db.row(sql: "SELECT 1 FROM api_keys WHERE id = ?", arguments: [apiKeyID]) != nil else {
                throw StoreError.notFound("API key \(apiKeyID)")
            }
            // Author bot like the desk's own messages: a key's post is not an operator's answer, so the
            // conversation's status and first-response time stay as they are.
            let queued = try await Self.queueBotMessage(db, in: conversationID, text: text, attachments: attachments, at: now)
            try await db.execute(sql: "UPDATE messages SET api_key_id = ? WHERE id = ?", arguments: [apiKeyID, queued.message.id.rawValue])
            return queued
        }
    }
}
