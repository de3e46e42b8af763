public import Foundation
public import SwitchboardCore

extension PostgresStore {
    @discardableResult
    public func recordAudit(_ entry: AuditEntry) async throws -> Int64 {
        try await write { db in try await Self.appendAudit(db, entry) }
    }

    public func auditEntries(_ query: AuditQuery) async throws -> [AuditEntry] {
        var conditions: [String] = []
        var arguments: [any SQLArgument] = []
        if let before = query.before {
            conditions.append("id < ?")
            arguments.append(before)
        }
        if let actor = query.actorID {
            conditions.append("actor_id = ? AND actor_kind = 'operator'")
            arguments.append(actor.rawValue)
        }
        if let prefix = query.actionPrefix, !prefix.isEmpty {
            conditions.append("starts_with(action, ?)")
            arguments.append(prefix)
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments.append(max(0, query.limit))
        let sql = "SELECT * FROM audit_log \(filter) ORDER BY id DESC LIMIT ?"
        return try await read { [arguments] db in
            try await db.rows(sql: sql, arguments: arguments).map(Self.auditEntry)
        }
    }

    /// Appends an entry inside the caller's transaction, so it commits or rolls back with the change.
    @discardableResult
    static func appendAudit(_ db: Session, _ entry: AuditEntry) async throws -> Int64 {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let changes = String(decoding: try encoder.encode(entry.changes), as: UTF8.self)
        return try await db.insert(
            sql: "INSERT INTO audit_log (at, actor_kind, actor_id, actor_name, action, target, changes) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                entry.at.timeIntervalSince1970, entry.actor.kind.rawValue, entry.actor.id?.rawValue, entry.actor.name, entry.action,
                entry.target, changes,
            ]
        )
    }

    private static func auditEntry(_ row: SQLRow) throws -> AuditEntry {
        let changes: String = try row["changes"]
        return try AuditEntry(
            id: row["id"],
            at: RowDecoding.date(row, "at"),
            actor: AuditActor(
                kind: try RowDecoding.enumValue(row, "actor_kind"),
                id: (row["actor_id"] as Int64?).map(OperatorID.init),
                name: row["actor_name"]
            ),
            action: row["action"],
            target: row["target"],
            changes: try JSONDecoder().decode([String: AuditChange].self, from: Data(changes.utf8))
        )
    }
}
