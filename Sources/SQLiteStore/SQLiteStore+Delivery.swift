public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    public func recordDelivery(_ report: DeliveryReport, at now: Date) async throws -> [Event] {
        try await pool.write { db in
            guard let row = try db.cachedRow(sql: "SELECT * FROM messages WHERE id = ?", arguments: [report.messageID.rawValue]) else {
                throw StoreError.notFound("message \(report.messageID)")
            }
            let message = try RowDecoding.message(row)
            guard let current = message.deliveryState else { throw StoreError.invalid("message \(message.id) is not outbound") }
            var events = EventAppender(db)
            switch report {
            case .sent(let id, let externalID):
                try db.cachedExecute(sql: "DELETE FROM outbox WHERE message_id = ?", arguments: [id.rawValue])
                guard current.accepts(.sent) else { break }
                try db.cachedExecute(
                    sql: "UPDATE messages SET delivery_state = 'sent', external_id = COALESCE(?, external_id), failure_reason = NULL WHERE id = ?",
                    arguments: [externalID, id.rawValue]
                )
                try events.append(
                    .messageDelivery,
                    at: now,
                    conversation: message.conversationID,
                    message: id,
                    payload: DeliveryPayload(messageID: id, conversationID: message.conversationID, state: .sent)
                )
                if let externalID {
                    try Self.applyEarlyReceipts(db, message: message, externalID: externalID, at: now, events: &events)
                }
            case .retry(let id, let date, let reason):
                try db.cachedExecute(
                    sql: "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, claimed_until = NULL, last_error = ? WHERE message_id = ?",
                    arguments: [date.timeIntervalSince1970, reason, id.rawValue]
                )
                guard db.changesCount > 0 else { break }
                let payload = DeliveryPayload(
                    messageID: id,
                    conversationID: message.conversationID,
                    state: current,
                    reason: reason,
                    nextAttemptAt: date
                )
                try events.append(.messageDelivery, at: now, conversation: message.conversationID, message: id, payload: payload)
            case .failed(let id, let reason, let unreachable):
                try db.cachedExecute(sql: "DELETE FROM outbox WHERE message_id = ?", arguments: [id.rawValue])
                if unreachable {
                    try db.cachedExecute(
                        sql: "UPDATE identities SET reachable = 0 WHERE id = (SELECT identity_id FROM conversations WHERE id = ?)",
                        arguments: [message.conversationID.rawValue]
                    )
                }
                guard current.accepts(.failed) else { break }
                try db.cachedExecute(
                    sql: "UPDATE messages SET delivery_state = 'failed', failure_reason = ? WHERE id = ?",
                    arguments: [reason, id.rawValue]
                )
                let payload = DeliveryPayload(messageID: id, conversationID: message.conversationID, state: .failed, reason: reason)
                try events.append(.messageDelivery, at: now, conversation: message.conversationID, message: id, payload: payload)
            }
            return events.appended
        }
    }

    /// Applies receipts that arrived before "sent" was recorded, furthest state last, then forgets them.
    static func applyEarlyReceipts(_ db: Database, message: Message, externalID: String, at now: Date, events: inout EventAppender) throws {
        let channelID: Int64 =
            try db.cachedValue(Int64.self, sql: "SELECT channel_id FROM messages WHERE id = ?", arguments: [message.id.rawValue]) ?? 0
        let rows = try db.cachedRows(
            sql: "SELECT state, reason FROM early_receipts WHERE channel_id = ? AND external_id = ?",
            arguments: [channelID, externalID]
        )
        guard !rows.isEmpty else { return }
        try db.cachedExecute(sql: "DELETE FROM early_receipts WHERE channel_id = ? AND external_id = ?", arguments: [channelID, externalID])
        var state = DeliveryState.sent
        var reason: String?
        for row in rows {
            guard let reported = DeliveryState(rawValue: row["state"]), state.accepts(reported) else { continue }
            state = reported
            reason = row["reason"]
        }
        guard state != .sent else { return }
        try db.cachedExecute(
            sql: "UPDATE messages SET delivery_state = ?, failure_reason = ? WHERE id = ?",
            arguments: [state.rawValue, reason, message.id.rawValue]
        )
        let payload = DeliveryPayload(messageID: message.id, conversationID: message.conversationID, state: state, reason: reason)
        try events.append(.messageDelivery, at: now, conversation: message.conversationID, message: message.id, payload: payload)
    }
}
