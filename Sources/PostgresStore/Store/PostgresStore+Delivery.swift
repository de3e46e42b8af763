public import Foundation
public import SwitchboardCore

extension PostgresStore {
    /// Loads the message, its outbox row and early receipts, lets `DeliveryDecision` decide, applies.
    public func recordDelivery(_ report: DeliveryReport, at now: Date) async throws -> [Event] {
        try await write { db in
            guard let row = try await db.row(sql: "SELECT * FROM messages WHERE id = ?", arguments: [report.messageID.rawValue]) else {
                throw StoreError.notFound("message \(report.messageID)")
            }
            let message = try RowDecoding.message(row)
            let channel: Int64 = try row["channel_id"]
            let inOutbox = try await db.row(sql: "SELECT 1 FROM outbox WHERE message_id = ?", arguments: [message.id.rawValue]) != nil
            var receipts: [EarlyReceipt] = []
            if case .sent(_, let externalID?) = report {
                receipts = try await db.rows(
                    sql: "SELECT state, reason FROM early_receipts WHERE channel_id = ? AND external_id = ? ORDER BY state",
                    arguments: [channel, externalID]
                ).compactMap { row in try DeliveryState(rawValue: row["state"]).map { EarlyReceipt(state: $0, reason: try row["reason"]) } }
            }
            let (changes, drafts) = try DeliveryDecision.decide(report, message: message, inOutbox: inOutbox, earlyReceipts: receipts, at: now)
            for change in changes { try await Self.apply(change, channel: channel, db) }
            var events = EventAppender(db)
            try await events.append(drafts)
            return events.appended
        }
    }

    private static func apply(_ change: DeliveryChange, channel: Int64, _ db: Session) async throws {
        switch change {
        case .removeFromOutbox(let id):
            try await db.execute(sql: "DELETE FROM outbox WHERE message_id = ?", arguments: [id.rawValue])
        case .markSent(let id, let externalID):
            try await db.execute(
                sql: "UPDATE messages SET delivery_state = 'sent', external_id = COALESCE(?, external_id), failure_reason = NULL WHERE id = ?",
                arguments: [externalID, id.rawValue]
            )
        case .scheduleRetry(let id, let date, let reason):
            try await db.execute(
                sql: "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, claimed_until = NULL, last_error = ? WHERE message_id = ?",
                arguments: [date.timeIntervalSince1970, reason, id.rawValue]
            )
        case .recordAcknowledgedParts(let id, let externalIDs):
            for (index, externalID) in externalIDs.enumerated() {
                try await db.execute(
                    sql: "INSERT INTO outbox_parts (message_id, part_index, external_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    arguments: [id.rawValue, index, externalID]
                )
            }
        case .setState(let id, let state, let reason):
            try await db.execute(
                sql: "UPDATE messages SET delivery_state = ?, failure_reason = ? WHERE id = ?",
                arguments: [state.rawValue, reason, id.rawValue]
            )
        case .markUnreachable(let conversation):
            try await db.execute(
                sql: "UPDATE identities SET reachable = 0 WHERE id = (SELECT identity_id FROM conversations WHERE id = ?)",
                arguments: [conversation.rawValue]
            )
        case .forgetEarlyReceipts(let externalID):
            try await db.execute(sql: "DELETE FROM early_receipts WHERE channel_id = ? AND external_id = ?", arguments: [channel, externalID])
        }
    }
}
