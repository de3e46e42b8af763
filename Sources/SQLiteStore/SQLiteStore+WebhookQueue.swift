public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    public func webhookDeliveries(_ webhookID: OutgoingWebhookID, limit: Int) async throws -> [WebhookDelivery] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM webhook_deliveries WHERE webhook_id = ? ORDER BY seq DESC, id DESC LIMIT ?",
                arguments: [webhookID.rawValue, max(0, limit)]
            ).map(Self.webhookDelivery)
        }
    }

    public func resendWebhookDelivery(
        _ id: WebhookDeliveryID,
        of webhookID: OutgoingWebhookID,
        by actor: AuditActor,
        at now: Date
    ) async throws -> WebhookDelivery {
        try await pool.write { db in
            guard let webhook = try Self.loadWebhook(db, webhookID) else { throw StoreError.notFound("webhook \(webhookID)") }
            let now = now.timeIntervalSince1970
            try db.execute(
                sql: """
                    UPDATE webhook_deliveries SET status = 'pending', queued_at = ?, next_attempt_at = ?
                    WHERE id = ? AND webhook_id = ?
                    """,
                arguments: [now, now, id.rawValue, webhookID.rawValue]
            )
            guard db.changesCount == 1,
                let row = try Row.fetchOne(db, sql: "SELECT * FROM webhook_deliveries WHERE id = ?", arguments: [id.rawValue])
            else { throw StoreError.notFound("delivery \(id) of webhook \(webhookID)") }
            let delivery = try Self.webhookDelivery(row)
            let changes = ["delivery": AuditChange(from: .null, to: .int(delivery.seq))]
            try Self.appendAudit(
                db,
                AuditEntry(
                    at: Date(timeIntervalSince1970: now),
                    actor: actor,
                    action: "webhook.resent",
                    target: webhook.auditTarget,
                    changes: changes
                )
            )
            return delivery
        }
    }

    public func webhookFanOutCursor() async throws -> Int64 {
        try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT cursor_seq FROM webhook_fan_out WHERE id = 1") ?? 0 }
    }

    public func enqueueWebhookDeliveries(_ drafts: [WebhookDeliveryDraft], through seq: Int64) async throws {
        try await pool.write { db in
            for draft in drafts {
                // OR IGNORE: a crash between a page's enqueue and its cursor cannot happen (one
                // transaction), but a second fan-out over the same page must not queue twice.
                try db.cachedExecute(
                    sql: """
                        INSERT OR IGNORE INTO webhook_deliveries (webhook_id, seq, type, body, queued_at, next_attempt_at)
                        SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM outgoing_webhooks WHERE id = ?)
                        """,
                    arguments: [
                        draft.webhookID.rawValue, draft.seq, draft.type.rawValue, draft.body, draft.queuedAt.timeIntervalSince1970,
                        draft.queuedAt.timeIntervalSince1970, draft.webhookID.rawValue,
                    ]
                )
            }
            try db.execute(sql: "UPDATE webhook_fan_out SET cursor_seq = MAX(cursor_seq, ?) WHERE id = 1", arguments: [seq])
        }
    }

    public func dueWebhookDeliveries(now: Date) async throws -> [WebhookDispatch] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT d.*, w.url AS webhook_url, w.secret_ciphertext FROM \(Self.lineHeads) AND d.next_attempt_at <= ? ORDER BY d.webhook_id",
                arguments: [now.timeIntervalSince1970]
            ).map { row in
                WebhookDispatch(delivery: try Self.webhookDelivery(row), url: row["webhook_url"], secretCiphertext: row["secret_ciphertext"])
            }
        }
    }

    public func nextWebhookDue() async throws -> Date? {
        try await pool.read { db in
            try Double.fetchOne(db, sql: "SELECT MIN(d.next_attempt_at) FROM \(Self.lineHeads)").map(Date.init(timeIntervalSince1970:))
        }
    }

    public func recordWebhookAttempt(_ record: WebhookAttemptRecord) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE webhook_deliveries
                    SET status = ?, attempts = attempts + 1, next_attempt_at = ?, last_attempt_at = ?, last_error = ?,
                        last_status_code = ?, response_millis = ?
                    WHERE id = ?
                    """,
                arguments: [
                    record.status.rawValue, record.nextAttemptAt?.timeIntervalSince1970, record.attemptedAt.timeIntervalSince1970, record.error,
                    record.statusCode, record.responseMillis, record.deliveryID.rawValue,
                ]
            )
            if let notice = record.disable {
                try db.execute(
                    sql: "UPDATE outgoing_webhooks SET enabled = 0, disabled_reason = ? WHERE id = ?",
                    arguments: [notice.reason, record.webhookID.rawValue]
                )
                try Self.appendAudit(db, notice.audit)
            }
        }
    }

    /// Each enabled endpoint's oldest pending delivery: the only one it may send, so order holds.
    private static let lineHeads = """
        webhook_deliveries d JOIN outgoing_webhooks w ON w.id = d.webhook_id
        WHERE w.enabled = 1 AND d.status = 'pending'
          AND d.seq = (SELECT MIN(seq) FROM webhook_deliveries WHERE webhook_id = d.webhook_id AND status = 'pending')
        """

    static func webhookDelivery(_ row: Row) throws -> WebhookDelivery {
        WebhookDelivery(
            id: WebhookDeliveryID(row["id"]),
            webhookID: OutgoingWebhookID(row["webhook_id"]),
            seq: row["seq"],
            type: try RowDecoding.enumValue(row, "type"),
            status: try RowDecoding.enumValue(row, "status"),
            attempts: row["attempts"],
            queuedAt: RowDecoding.date(row, "queued_at"),
            nextAttemptAt: RowDecoding.optionalDate(row, "next_attempt_at"),
            lastAttemptAt: RowDecoding.optionalDate(row, "last_attempt_at"),
            lastError: row["last_error"],
            lastStatusCode: row["last_status_code"],
            responseMillis: row["response_millis"],
            body: row["body"]
        )
    }
}
