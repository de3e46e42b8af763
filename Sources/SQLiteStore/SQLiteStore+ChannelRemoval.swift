public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    public func removeChannel(_ id: ChannelID, reason: String, at now: Date) async throws -> (ChannelRemoval, [Event]) {
        try await pool.write { db in
            guard
                let name = try db.cachedValue(
                    String.self,
                    sql: "SELECT name FROM channels WHERE id = ? AND removed_at IS NULL",
                    arguments: [id.rawValue]
                )
            else { throw StoreError.notFound("channel \(id)") }
            var events = EventAppender(db)
            let queued = try db.cachedRows(
                sql: "SELECT o.message_id, o.conversation_id FROM outbox o WHERE o.channel_id = ? ORDER BY o.message_id",
                arguments: [id.rawValue]
            )
            for row in queued {
                let messageID = MessageID(row["message_id"])
                let conversationID = ConversationID(row["conversation_id"])
                try db.cachedExecute(sql: "DELETE FROM outbox WHERE message_id = ?", arguments: [messageID.rawValue])
                try db.cachedExecute(
                    sql: "UPDATE messages SET delivery_state = 'failed', failure_reason = ? WHERE id = ?",
                    arguments: [reason, messageID.rawValue]
                )
                let payload = DeliveryPayload(messageID: messageID, conversationID: conversationID, state: .failed, reason: reason)
                try events.append(.messageDelivery, at: now, conversation: conversationID, message: messageID, payload: payload)
            }
            let conversations =
                try db.cachedValue(Int.self, sql: "SELECT COUNT(*) FROM conversations WHERE channel_id = ?", arguments: [id.rawValue]) ?? 0
            // The row stays for the history; the token goes, and the name is freed for a new channel.
            try db.cachedExecute(
                sql: """
                    UPDATE channels SET removed_at = ?, paused = 1, token_ciphertext = NULL, webhook_secret = NULL,
                                        name = name || '~removed-' || id
                    WHERE id = ?
                    """,
                arguments: [now.timeIntervalSince1970, id.rawValue]
            )
            return (ChannelRemoval(name: name, conversationsKept: conversations, repliesFailed: queued.count), events.appended)
        }
    }
}
