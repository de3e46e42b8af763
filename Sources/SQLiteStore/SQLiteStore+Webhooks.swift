public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore: WebhookStore {
    public func outgoingWebhooks() async throws -> [OutgoingWebhook] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM outgoing_webhooks ORDER BY id").map(Self.outgoingWebhook) }
    }

    public func outgoingWebhook(_ id: OutgoingWebhookID) async throws -> OutgoingWebhook? {
        try await pool.read { db in try Self.loadWebhook(db, id) }
    }

    public func createOutgoingWebhook(_ draft: OutgoingWebhookDraft, by actor: AuditActor, at now: Date) async throws -> OutgoingWebhook {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO outgoing_webhooks (url, secret_ciphertext, event_types, description, enabled, start_seq, created_at)
                    VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) FROM events), ?)
                    """,
                arguments: [
                    draft.url, draft.secretCiphertext, Self.typesText(draft.eventTypes), draft.description, draft.enabled, now.timeIntervalSince1970,
                ]
            )
            guard let webhook = try Self.loadWebhook(db, OutgoingWebhookID(db.lastInsertedRowID)) else { throw StoreError.notFound("webhook") }
            var changes: [String: AuditChange] = [
                "url": AuditChange(from: .null, to: .string(webhook.url)),
                "eventTypes": AuditChange(from: .null, to: .string(Self.typesText(webhook.eventTypes))),
                "secret": .secret,
            ]
            if !webhook.enabled { changes["enabled"] = AuditChange(from: .null, to: .bool(false)) }
            try Self.appendAudit(db, AuditEntry(at: now, actor: actor, action: "webhook.created", target: webhook.auditTarget, changes: changes))
            return webhook
        }
    }

    public func editOutgoingWebhook(
        _ id: OutgoingWebhookID,
        _ edit: OutgoingWebhookEdit,
        by actor: AuditActor,
        at now: Date
    ) async throws -> OutgoingWebhook {
        try await pool.write { db in
            guard let old = try Self.loadWebhook(db, id) else { throw StoreError.notFound("webhook \(id)") }
            let new = edit.applied(to: old)
            try db.execute(
                sql: "UPDATE outgoing_webhooks SET url = ?, event_types = ?, description = ?, enabled = ?, disabled_reason = ? WHERE id = ?",
                arguments: [new.url, Self.typesText(new.eventTypes), new.description, new.enabled, new.disabledReason, id.rawValue]
            )
            if let secret = edit.secretCiphertext {
                try db.execute(sql: "UPDATE outgoing_webhooks SET secret_ciphertext = ? WHERE id = ?", arguments: [secret, id.rawValue])
            }
            if OutgoingWebhookEdit.restartsWaitingDeliveries(from: old, to: new) {
                try db.execute(
                    sql: "UPDATE webhook_deliveries SET queued_at = ?, next_attempt_at = ? WHERE webhook_id = ? AND status = 'pending'",
                    arguments: [now.timeIntervalSince1970, now.timeIntervalSince1970, id.rawValue]
                )
            }
            let changes = edit.auditChanges(from: old, to: new)
            if !changes.isEmpty {
                try Self.appendAudit(db, AuditEntry(at: now, actor: actor, action: "webhook.updated", target: new.auditTarget, changes: changes))
            }
            return new
        }
    }

    public func outgoingWebhookSecret(_ id: OutgoingWebhookID) async throws -> Data? {
        try await pool.read { db in
            try Data.fetchOne(db, sql: "SELECT secret_ciphertext FROM outgoing_webhooks WHERE id = ?", arguments: [id.rawValue])
        }
    }

    public func deleteOutgoingWebhook(_ id: OutgoingWebhookID, by actor: AuditActor, at now: Date) async throws {
        try await pool.write { db in
            guard let old = try Self.loadWebhook(db, id) else { throw StoreError.notFound("webhook \(id)") }
            try db.execute(sql: "DELETE FROM outgoing_webhooks WHERE id = ?", arguments: [id.rawValue])
            let changes = ["deleted": AuditChange(from: .bool(false), to: .bool(true))]
            try Self.appendAudit(db, AuditEntry(at: now, actor: actor, action: "webhook.deleted", target: old.auditTarget, changes: changes))
        }
    }

    static func loadWebhook(_ db: Database, _ id: OutgoingWebhookID) throws -> OutgoingWebhook? {
        try Row.fetchOne(db, sql: "SELECT * FROM outgoing_webhooks WHERE id = ?", arguments: [id.rawValue]).map(outgoingWebhook)
    }

    /// Event types are stored as their published names, comma-separated, sorted.
    static func typesText(_ types: [WebhookEventType]) -> String {
        types.map(\.rawValue).joined(separator: ",")
    }

    static func outgoingWebhook(_ row: Row) throws -> OutgoingWebhook {
        let types: String = row["event_types"]
        return OutgoingWebhook(
            id: OutgoingWebhookID(row["id"]),
            url: row["url"],
            eventTypes: try types.split(separator: ",").map { try RowDecoding.decodeEnum(String($0), "event_types") },
            description: row["description"],
            enabled: row["enabled"],
            disabledReason: row["disabled_reason"],
            startSeq: row["start_seq"],
            createdAt: RowDecoding.date(row, "created_at")
        )
    }
}
