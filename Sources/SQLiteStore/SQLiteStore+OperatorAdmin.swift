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
            let created = try Self.insertOperator(db, draft, at: now)
            guard let account = try Self.readAccount(db, created.id) else { throw StoreError.notFound("operator") }
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
            let admins = try db.cachedValue(Int.self, sql: "SELECT COUNT(*) FROM operators WHERE active = 1 AND role = 'admin'") ?? 0
            let held = try db.cachedRows(
                sql: "SELECT id, contact_id FROM conversations WHERE assignee_id = ? AND status != 'resolved' ORDER BY id",
                arguments: [id.rawValue]
            ).map { OperatorAccountChange.Held(conversationID: ConversationID($0["id"]), contactID: ContactID($0["contact_id"])) }
            let change = try OperatorAccountChange.decide(before, edit, by: actor, activeAdmins: admins, held: held, at: now)
            try Self.apply(change, db)
            var events = EventAppender(db)
            try events.append(change.events)
            return OperatorEditOutcome(account: change.account, events: events.appended, requeued: change.requeued)
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

    /// Writes a decided account change: fields, departments, service state, presence, released conversations, audit.
    private static func apply(_ change: OperatorAccountChange, _ db: Database) throws {
        let account = change.account
        let id = account.operator.id
        try db.cachedExecute(
            sql: "UPDATE operators SET display_name = ?, role = ?, max_concurrent = ?, active = ?, deactivated_at = ? WHERE id = ?",
            arguments: [
                account.operator.displayName, account.operator.role.rawValue, account.operator.maxConcurrentConversations, account.active,
                account.deactivatedAt?.timeIntervalSince1970, id.rawValue,
            ]
        )
        try writeDepartments(db, of: id, account.departmentIDs)
        if change.revokesSessions { try db.cachedExecute(sql: "DELETE FROM sessions WHERE operator_id = ?", arguments: [id.rawValue]) }
        if let presence = change.presence { try writePresence(presence, db) }
        for conversationID in change.requeued {
            // Not remembered as the previous operator: a deactivated account can never take the client back.
            try db.cachedExecute(
                sql: "UPDATE conversations SET assignee_id = NULL, previous_assignee_id = NULL, queued_at = ? WHERE id = ?",
                arguments: [change.at.timeIntervalSince1970, conversationID.rawValue]
            )
        }
        if let audit = change.audit { try appendAudit(db, audit) }
    }

    /// Replaces an operator's department memberships.
    static func writeDepartments(_ db: Database, of id: OperatorID, _ departments: [DepartmentID]) throws {
        try db.cachedExecute(sql: "DELETE FROM operator_departments WHERE operator_id = ?", arguments: [id.rawValue])
        for department in Set(departments) {
            try mapConstraint("department \(department)") {
                try db.cachedExecute(
                    sql: "INSERT INTO operator_departments (operator_id, department_id) VALUES (?, ?)",
                    arguments: [id.rawValue, department.rawValue]
                )
            }
        }
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
