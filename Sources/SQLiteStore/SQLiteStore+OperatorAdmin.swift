public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore: AdminStore {
    public func operatorAccounts() async throws -> [OperatorAccount] {
        try await pool.read { db in
            try db.cachedRows(sql: "SELECT id FROM operators ORDER BY display_name, id").compactMap { row in
                try Self.readAccount(db, OperatorID(row["id"]))
            }
        }
    }

    public func operatorAccount(_ id: OperatorID) async throws -> OperatorAccount? {
        try await pool.read { db in try Self.readAccount(db, id) }
    }

    public func createOperator(_ draft: OperatorDraft, by actor: AuditActor, at now: Date) async throws -> Operator {
        try await pool.write { db in
            try Self.mapConstraint("operator '\(draft.login)'") {
                try db.cachedExecute(
                    sql: "INSERT INTO operators (login, password_hash, display_name, avatar_url, role, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [draft.login, draft.passwordHash, draft.displayName, draft.avatarURL, draft.role.rawValue, now.timeIntervalSince1970]
                )
            }
            guard let account = try Self.readAccount(db, OperatorID(db.lastInsertedRowID)) else { throw StoreError.notFound("operator") }
            let changes = AuditChanges.between(nil, account.auditedFields).merging(["login": AuditChange(from: .null, to: .string(draft.login))]) {
                $1
            }
            try Self.appendAudit(db, AuditEntry(at: now, actor: actor, action: "operator.created", target: account.auditTarget, changes: changes))
            return account.operator
        }
    }

    public func editOperator(_ id: OperatorID, _ edit: OperatorEdit, by actor: AuditActor, at now: Date) async throws -> OperatorEditOutcome {
        try await pool.write { db in
            guard let before = try Self.readAccount(db, id) else { throw StoreError.notFound("operator \(id)") }
            if let capacity = edit.maxConcurrent, capacity < 1 { throw StoreError.invalid("maxConcurrent must be at least 1") }
            let after = edit.applied(to: before)
            let admins = try db.cachedValue(Int.self, sql: "SELECT COUNT(*) FROM operators WHERE active = 1 AND role = 'admin'") ?? 0
            if let refusal = OperatorAdminPolicy.refusal(before: before, after: after, actorID: actor.id, activeAdmins: admins) {
                throw refusal
            }
            try db.cachedExecute(
                sql: "UPDATE operators SET display_name = ?, role = ?, max_concurrent = ? WHERE id = ?",
                arguments: [after.operator.displayName, after.operator.role.rawValue, after.operator.maxConcurrentConversations, id.rawValue]
            )
            if let departments = edit.departmentIDs {
                try db.cachedExecute(sql: "DELETE FROM operator_departments WHERE operator_id = ?", arguments: [id.rawValue])
                for department in Set(departments) {
                    try Self.mapConstraint("department \(department)") {
                        try db.cachedExecute(
                            sql: "INSERT INTO operator_departments (operator_id, department_id) VALUES (?, ?)",
                            arguments: [id.rawValue, department.rawValue]
                        )
                    }
                }
            }
            var events = EventAppender(db)
            var requeued: [ConversationID] = []
            var action = "operator.updated"
            if before.active, !after.active {
                action = "operator.deactivated"
                requeued = try Self.deactivate(db, before, by: actor, at: now, events: &events)
            } else if !before.active, after.active {
                action = "operator.reactivated"
                try db.cachedExecute(sql: "UPDATE operators SET active = 1, deactivated_at = NULL WHERE id = ?", arguments: [id.rawValue])
            }
            guard let saved = try Self.readAccount(db, id) else { throw StoreError.notFound("operator \(id)") }
            let changes = AuditChanges.between(before.auditedFields, saved.auditedFields)
            if !changes.isEmpty {
                try Self.appendAudit(db, AuditEntry(at: now, actor: actor, action: action, target: saved.auditTarget, changes: changes))
            }
            return OperatorEditOutcome(account: saved, events: events.appended, requeued: requeued)
        }
    }

    public func setPassword(
        _ id: OperatorID,
        hash: String,
        keepingSession: String?,
        action: String,
        by actor: AuditActor,
        at now: Date
    ) async throws -> [Event] {
        try await pool.write { db in
            guard let account = try Self.readAccount(db, id) else { throw StoreError.notFound("operator \(id)") }
            try db.cachedExecute(sql: "UPDATE operators SET password_hash = ? WHERE id = ?", arguments: [hash, id.rawValue])
            try db.cachedExecute(
                sql: "DELETE FROM sessions WHERE operator_id = ? AND token_hash IS NOT ?",
                arguments: [id.rawValue, keepingSession]
            )
            try Self.appendAudit(
                db,
                AuditEntry(at: now, actor: actor, action: action, target: account.auditTarget, changes: ["password": .secret])
            )
            var events = EventAppender(db)
            try events.append(.operatorSessionsRevoked, at: now, payload: SessionsRevokedPayload(operatorID: id))
            return events.appended
        }
    }

    public func setAvatar(_ id: OperatorID, url: String?, by actor: AuditActor, at now: Date) async throws -> OperatorAccount {
        try await pool.write { db in
            guard let before = try Self.readAccount(db, id) else { throw StoreError.notFound("operator \(id)") }
            try db.cachedExecute(sql: "UPDATE operators SET avatar_url = ? WHERE id = ?", arguments: [url, id.rawValue])
            guard let after = try Self.readAccount(db, id) else { throw StoreError.notFound("operator \(id)") }
            let changes = AuditChanges.between(before.auditedFields, after.auditedFields)
            try Self.appendAudit(
                db,
                AuditEntry(at: now, actor: actor, action: "operator.avatar_changed", target: after.auditTarget, changes: changes)
            )
            return after
        }
    }

    /// Takes an operator out of service: no sessions, offline, and every conversation they held
    /// that is not resolved back in its queue (the routing pass that follows reassigns it).
    private static func deactivate(
        _ db: Database,
        _ account: OperatorAccount,
        by actor: AuditActor,
        at now: Date,
        events: inout EventAppender
    ) throws -> [ConversationID] {
        let id = account.operator.id
        try db.cachedExecute(
            sql: "UPDATE operators SET active = 0, deactivated_at = ? WHERE id = ?",
            arguments: [now.timeIntervalSince1970, id.rawValue]
        )
        try db.cachedExecute(sql: "DELETE FROM sessions WHERE operator_id = ?", arguments: [id.rawValue])
        try events.append(.operatorSessionsRevoked, at: now, payload: SessionsRevokedPayload(operatorID: id))
        if account.operator.status != .offline {
            var value = account.operator
            try changePresence(db, &value, to: .offline, reason: .manual, at: now, events: &events)
        }
        let held = try db.cachedRows(
            sql: "SELECT id, contact_id FROM conversations WHERE assignee_id = ? AND status != 'resolved' ORDER BY id",
            arguments: [id.rawValue]
        )
        for row in held {
            let conversationID = ConversationID(row["id"])
            // Not remembered as the previous operator: a deactivated account can never take the client back.
            try db.cachedExecute(
                sql: "UPDATE conversations SET assignee_id = NULL, previous_assignee_id = NULL, queued_at = ? WHERE id = ?",
                arguments: [now.timeIntervalSince1970, conversationID.rawValue]
            )
            let payload = AssignmentPayload(
                conversationID: conversationID,
                from: id,
                to: nil,
                byOperatorID: actor.id,
                note: "\(account.operator.displayName) was deactivated"
            )
            try events.append(.conversationAssigned, at: now, contact: ContactID(row["contact_id"]), conversation: conversationID, payload: payload)
        }
        return held.map { ConversationID($0["id"]) }
    }

    static func readAccount(_ db: Database, _ id: OperatorID) throws -> OperatorAccount? {
        guard let row = try db.cachedRow(sql: "SELECT * FROM operators WHERE id = ?", arguments: [id.rawValue]) else { return nil }
        let departments = try Int64.fetchAll(
            db.cachedStatement(sql: "SELECT department_id FROM operator_departments WHERE operator_id = ? ORDER BY department_id"),
            arguments: [id.rawValue]
        )
        return OperatorAccount(
            operator: try RowDecoding.operatorValue(row),
            active: row["active"],
            departmentIDs: departments.map(DepartmentID.init),
            createdAt: RowDecoding.date(row, "created_at"),
            deactivatedAt: RowDecoding.optionalDate(row, "deactivated_at")
        )
    }
}
