public import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func webhookDeliveries(_ webhookID: OutgoingWebhookID, limit: Int) async throws -> [WebhookDelivery] {
        try await read { db in
            try await db.rows(
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
        try await write { db in
            guard let webhook = try await Self.loadWebhook(db, webhookID) else { throw StoreError.notFound("webhook \(webhookID)") }
            let now = now.timeIntervalSince1970
            let changed = try await db.changes(
                sql: """
                    UPDATE webhook_deliveries SET status = 'pending', queued_at = ?, next_attempt_at = ?
                    WHERE id = ? AND webhook_id = ?
                    """,
                arguments: [now, now, id.rawValue, webhookID.rawValue]
            )
            guard changed == 1,
                let row = try await db.row(sql: "SELECT * FROM webhook_deliveries WHERE id = ?", arguments: [id.rawValue])
            else { throw StoreError.notFound("delivery \(id) of webhook \(webhookID)") }
            let delivery = try Self.webhookDelivery(row)
            let changes = ["delivery": AuditChange(from: .null, to: .int(delivery.seq))]
            try await Self.appendAudit(
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
        try await read { db in try await db.value(Int64.self, sql: "SELECT cursor_seq FROM webhook_fan_out WHERE id = 1") ?? 0 }
    }

    public func enqueueWebhookDeliveries(_ drafts: [WebhookDeliveryDraft], through seq: Int64) async throws {
        try await write { db in
            for draft in drafts {
                // DO NOTHING: a crash between a page's enqueue and its cursor cannot happen (one
                // transaction), but a second fan-out over the same page (another instance's, too)
                // must not queue twice.
                try await db.execute(
                    sql: """
                        INSERT INTO webhook_deliveries (webhook_id, seq, type, body, queued_at, next_attempt_at)
                        SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM outgoing_webhooks WHERE id = ?)
                        ON CONFLICT DO NOTHING
                        """,
                    arguments: [
                        draft.webhookID.rawValue, draft.seq, draft.type.rawValue, draft.body, draft.queuedAt.timeIntervalSince1970,
                        draft.queuedAt.timeIntervalSince1970, draft.webhookID.rawValue,
                    ]
                )
            }
            try await db.execute(sql: "UPDATE webhook_fan_out SET cursor_seq = GREATEST(cursor_seq, ?) WHERE id = 1", arguments: [seq])
        }
    }

    /// Reads each enabled endpoint's due line head without claiming it: the contract lets the same
    /// head be returned again until its attempt is recorded, so rows are not leased here.
    public func dueWebhookDeliveries(now: Date) async throws -> [WebhookDispatch] {
        try await read { db in
            try await db.rows(
                sql: """
                    SELECT d.*, w.url AS webhook_url, w.secret_ciphertext FROM \(Self.lineHeads)
                      AND d.next_attempt_at <= ? ORDER BY d.webhook_id
                    """,
                arguments: [now.timeIntervalSince1970]
            ).map { row in
                WebhookDispatch(
                    delivery: try Self.webhookDelivery(row),
                    url: try row["webhook_url"],
                    secretCiphertext: try row["secret_ciphertext"]
                )
            }
        }
    }

    public func nextWebhookDue() async throws -> Date? {
        try await read { db in
            try await db.value(Double.self, sql: "SELECT MIN(d.next_attempt_at) FROM \(Self.lineHeads)")
                .map(Date.init(timeIntervalSince1970:))
        }
    }

    public func recordWebhookAttempt(_ record: WebhookAttemptRecord) async throws {
        try await write { db in
            try await db.execute(
                sql: """
                    UPDATE webhook_deliveries
                    SET status = ?, attempts = attempts + 1, next_attempt_at = ?, last_attempt_at = ?, last_error = ?,
                        last_status_code = ?, response_millis = ?
                    WHERE id = ?
                    """,
                arguments: [
                    record.status.rawValue, record.nextAttemptAt?.timeIntervalSince1970, record.attemptedAt.timeIntervalSince1970,
                    record.error, record.statusCode, record.responseMillis, record.deliveryID.rawValue,
                ]
            )
            if let notice = record.disable {
                try await db.execute(
                    sql: "UPDATE outgoing_webhooks SET enabled = 0, disabled_reason = ? WHERE id = ?",
                    arguments: [notice.reason, record.webhookID.rawValue]
                )
                try await Self.appendAudit(db, notice.audit)
            }
        }
    }

    /// Each enabled endpoint's oldest pending delivery: the only one it may send, so order holds.
    private static let lineHeads = """
        webhook_deliveries d JOIN outgoing_webhooks w ON w.id = d.webhook_id
        WHERE w.enabled = 1 AND d.status = 'pending'
          AND d.seq = (SELECT MIN(seq) FROM webhook_deliveries WHERE webhook_id = d.webhook_id AND status = 'pending')
        """

    static func webhookDelivery(_ row: SQLRow) throws -> WebhookDelivery {
        WebhookDelivery(
            id: WebhookDeliveryID(try row["id"]),
            webhookID: OutgoingWebhookID(try row["webhook_id"]),
            seq: try row["seq"],
            type: try RowDecoding.enumValue(row, "type"),
            status: try RowDecoding.enumValue(row, "status"),
            attempts: try row["attempts"],
            queuedAt: try RowDecoding.date(row, "queued_at"),
            nextAttemptAt: try RowDecoding.optionalDate(row, "next_attempt_at"),
            lastAttemptAt: try RowDecoding.optionalDate(row, "last_attempt_at"),
            lastError: try row["last_error"],
            lastStatusCode: try row["last_status_code"],
            responseMillis: try row["response_millis"],
            body: try row["body"]
        )
    }
}
