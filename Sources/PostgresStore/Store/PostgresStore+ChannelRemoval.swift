public import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func removeChannel(_ id: ChannelID, reason: String, at now: Date) async throws -> (ChannelRemoval, [Event]) {
        try await write { db in
            guard
                let name = try await db.value(
                    String.self,
                    sql: "SELECT name FROM channels WHERE id = ? AND removed_at IS NULL",
                    arguments: [id.rawValue]
                )
            else { throw StoreError.notFound("channel \(id)") }
            let queued = try await db.rows(
                sql: "SELECT message_id, conversation_id FROM outbox WHERE channel_id = ? ORDER BY message_id",
                arguments: [id.rawValue]
            ).map { row in
                ChannelRemovalPlan.Queued(messageID: MessageID(try row["message_id"]), conversationID: ConversationID(try row["conversation_id"]))
            }
            let conversations =
                try await db.value(Int.self, sql: "SELECT COUNT(*) FROM conversations WHERE channel_id = ?", arguments: [id.rawValue]) ?? 0
            let plan = ChannelRemovalPlan(channel: id, name: name, queued: queued, conversationsKept: conversations, reason: reason, at: now)
            for failure in plan.failures {
                try await db.execute(sql: "DELETE FROM outbox WHERE message_id = ?", arguments: [failure.messageID.rawValue])
                try await db.execute(
                    sql: "UPDATE messages SET delivery_state = ?, failure_reason = ? WHERE id = ?",
                    arguments: [failure.state.rawValue, failure.reason, failure.messageID.rawValue]
                )
            }
            // The row stays for the history; the token goes.
            try await db.execute(
                sql: "UPDATE channels SET removed_at = ?, paused = 1, token_ciphertext = NULL, webhook_secret = NULL, name = ? WHERE id = ?",
                arguments: [now.timeIntervalSince1970, plan.retiredName, id.rawValue]
            )
            var events = EventAppender(db)
            try await events.append(plan.events)
            return (plan.removal, events.appended)
        }
    }
}
