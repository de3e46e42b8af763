public import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func outgoingWebhooks() async throws -> [OutgoingWebhook] {
        try await read { db in try await db.rows(sql: "SELECT * FROM outgoing_webhooks ORDER BY id").map(Self.outgoingWebhook) }
    }

    public func outgoingWebhook(_ id: OutgoingWebhookID) async throws -> OutgoingWebhook? {
        try await read { db in try await Self.loadWebhook(db, id) }
    }

    public func createOutgoingWebhook(_ draft: OutgoingWebhookDraft, by actor: AuditActor, at now: Date) async throws -> OutgoingWebhook {
        try await write { db in
            let id = try await db.insert(
                sql: """
                    INSERT INTO outgoing_webhooks (url, secret_ciphertext, event_types, description, enabled, start_seq, created_at)
                    VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) FROM events), ?)
                    """,
                arguments: [
                    draft.url, draft.secretCiphertext, Self.typesText(draft.eventTypes), draft.description, draft.enabled,
                    now.timeIntervalSince1970,
                ]
            )
            guard let webhook = try await Self.loadWebhook(db, OutgoingWebhookID(id)) else { throw StoreError.notFound("webhook") }
            var changes: [String: AuditChange] = [
                "url": AuditChange(from: .null, to: .string(webhook.url)),
                "eventTypes": AuditChange(from: .null, to: .string(Self.typesText(webhook.eventTypes))),
                "secret": .secret,
            ]
            if !webhook.enabled { changes["enabled"] = AuditChange(from: .null, to: .bool(false)) }
            try await Self.appendAudit(
                db,
                AuditEntry(at: now, actor: actor, action: "webhook.created", target: webhook.auditTarget, changes: changes)
            )
            return webhook
        }
    }

    public func editOutgoingWebhook(
        _ id: OutgoingWebhookID,
        _ edit: OutgoingWebhookEdit,
        by actor: AuditActor,
        at now: Date
    ) async throws -> OutgoingWebhook {
        try await write { db in
            guard let old = try await Self.loadWebhook(db, id) else { throw StoreError.notFound("webhook \(id)") }
            let new = edit.applied(to: old)
            try await db.execute(
                sql: """
                    UPDATE outgoing_webhooks SET url = ?, event_types = ?, description = ?, enabled = ?, disabled_reason = ?
                    WHERE id = ?
                    """,
                arguments: [new.url, Self.typesText(new.eventTypes), new.description, new.enabled, new.disabledReason, id.rawValue]
            )
            if let secret = edit.secretCiphertext {
                try await db.execute(
                    sql: "UPDATE outgoing_webhooks SET secret_ciphertext = ? WHERE id = ?",
                    arguments: [secret, id.rawValue]
                )
            }
            if OutgoingWebhookEdit.restartsWaitingDeliveries(from: old, to: new) {
                try await db.execute(
                    sql: "UPDATE webhook_deliveries SET queued_at = ?, next_attempt_at = ? WHERE webhook_id = ? AND status = 'pending'",
                    arguments: [now.timeIntervalSince1970, now.timeIntervalSince1970, id.rawValue]
                )
            }
            let changes = edit.auditChanges(from: old, to: new)
            if !changes.isEmpty {
                try await Self.appendAudit(
                    db,
                    AuditEntry(at: now, actor: actor, action: "webhook.updated", target: new.auditTarget, changes: changes)
                )
            }
            return new
        }
    }

    public func outgoingWebhookSecret(_ id: OutgoingWebhookID) async throws -> Data? {
        try await read { db in
            try await db.value(Data.self, sql: "SELECT secret_ciphertext FROM outgoing_webhooks WHERE id = ?", arguments: [id.rawValue])
        }
    }

    public func deleteOutgoingWebhook(_ id: OutgoingWebhookID, by actor: AuditActor, at now: Date) async throws {
        try await write { db in
            guard let old = try await Self.loadWebhook(db, id) else { throw StoreError.notFound("webhook \(id)") }
            try await db.execute(sql: "DELETE FROM outgoing_webhooks WHERE id = ?", arguments: [id.rawValue])
            let changes = ["deleted": AuditChange(from: .bool(false), to: .bool(true))]
            try await Self.appendAudit(
                db,
                AuditEntry(at: now, actor: actor, action: "webhook.deleted", target: old.auditTarget, changes: changes)
            )
        }
    }

    static func loadWebhook(_ db: Session, _ id: OutgoingWebhookID) async throws -> OutgoingWebhook? {
        try await db.row(sql: "SELECT * FROM outgoing_webhooks WHERE id = ?", arguments: [id.rawValue]).map(outgoingWebhook)
    }

    /// Event types are stored as their published names, comma-separated, sorted.
    static func typesText(_ types: [WebhookEventType]) -> String {
        types.map(\.rawValue).joined(separator: ",")
    }

    static func outgoingWebhook(_ row: SQLRow) throws -> OutgoingWebhook {
        let types: String = try row["event_types"]
        return OutgoingWebhook(
            id: OutgoingWebhookID(try row["id"]),
            url: try row["url"],
            eventTypes: try types.split(separator: ",").map { try RowDecoding.decodeEnum(String($0), "event_types") },
            description: try row["description"],
            enabled: try row["enabled"],
            disabledReason: try row["disabled_reason"],
            startSeq: try row["start_seq"],
            createdAt: try RowDecoding.date(row, "created_at")
        )
    }
}
