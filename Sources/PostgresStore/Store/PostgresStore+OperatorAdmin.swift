public import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func operatorAccounts() async throws -> [OperatorAccount] {
        try await read { db in
            var accounts: [OperatorAccount] = []
            for row in try await db.rows(sql: "SELECT id FROM operators ORDER BY display_name, id") {
                if let account = try await Self.readAccount(db, OperatorID(try row["id"])) { accounts.append(account) }
            }
            return accounts
        }
    }

    public func operatorAccount(_ id: OperatorID) async throws -> OperatorAccount? {
        try await read { db in try await Self.readAccount(db, id) }
    }

    public func createOperator(_ draft: OperatorDraft, by actor: AuditActor, at now: Date) async throws -> Operator {
        try await write { db in
            let created = try await Self.insertOperator(db, draft, at: now)
            guard let account = try await Self.readAccount(db, created.id) else { throw StoreError.notFound("operator") }
            let login = ["login": AuditChange(from: .null, to: .string(draft.login))]
            let changes = AuditChanges.between(nil, account.auditedFields).merging(login) { $1 }
            try await Self.appendAudit(
                db,
                AuditEntry(at: now, actor: actor, action: "operator.created", target: account.auditTarget, changes: changes)
            )
            return account.operator
        }
    }

    public func editOperator(
        _ id: OperatorID,
        _ edit: OperatorEdit,
        by actor: AuditActor,
        at now: Date
    ) async throws -> OperatorEditOutcome {
        try await write { db in
            guard let before = try await Self.readAccount(db, id) else { throw StoreError.notFound("operator \(id)") }
            let admins = try await db.value(Int.self, sql: "SELECT COUNT(*) FROM operators WHERE active = 1 AND role = 'admin'") ?? 0
            let held = try await db.rows(
                sql: "SELECT id, contact_id FROM conversations WHERE assignee_id = ? AND status != 'resolved' ORDER BY id",
                arguments: [id.rawValue]
            ).map { try OperatorAccountChange.Held(conversationID: ConversationID($0["id"]), contactID: ContactID($0["contact_id"])) }
            let change = try OperatorAccountChange.decide(before, edit, by: actor, activeAdmins: admins, held: held, at: now)
            try await Self.apply(change, db)
            var events = EventAppender(db)
            try await events.append(change.events)
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
        try await write { db in
            guard let account = try await Self.readAccount(db, id) else { throw StoreError.notFound("operator \(id)") }
            try await db.execute(sql: "UPDATE operators SET password_hash = ? WHERE id = ?", arguments: [hash, id.rawValue])
            try await db.execute(
                sql: "DELETE FROM sessions WHERE operator_id = ? AND token_hash IS DISTINCT FROM CAST(? AS TEXT)",
                arguments: [id.rawValue, keepingSession]
            )
            try await Self.appendAudit(
                db,
                AuditEntry(at: now, actor: actor, action: action, target: account.auditTarget, changes: ["password": .secret])
            )
            var events = EventAppender(db)
            try await events.append(.operatorSessionsRevoked, at: now, payload: SessionsRevokedPayload(operatorID: id))
            return events.appended
        }
    }

    public func setAvatar(_ id: OperatorID, url: String?, by actor: AuditActor, at now: Date) async throws -> OperatorAccount {
        try await write { db in
            guard let before = try await Self.readAccount(db, id) else { throw StoreError.notFound("operator \(id)") }
            try await db.execute(sql: "UPDATE operators SET avatar_url = ? WHERE id = ?", arguments: [url, id.rawValue])
            guard let after = try await Self.readAccount(db, id) else { throw StoreError.notFound("operator \(id)") }
            let changes = AuditChanges.between(before.auditedFields, after.auditedFields)
            try await Self.appendAudit(
                db,
                AuditEntry(at: now, actor: actor, action: "operator.avatar_changed", target: after.auditTarget, changes: changes)
            )
            return after
        }
    }

    /// Writes a decided account change: fields, departments, service state, presence, released conversations, audit.
    private static func apply(_ change: OperatorAccountChange, _ db: Session) async throws {
        let account = change.account
        let id = account.operator.id
        try await db.execute(
            sql: "UPDATE operators SET display_name = ?, role = ?, max_concurrent = ?, active = ?, deactivated_at = ? WHERE id = ?",
            arguments: [
                account.operator.displayName, account.operator.role.rawValue, account.operator.maxConcurrentConversations, account.active,
                account.deactivatedAt?.timeIntervalSince1970, id.rawValue,
            ]
        )
        try await writeDepartments(db, of: id, account.departmentIDs)
        if change.revokesSessions { try await db.execute(sql: "DELETE FROM sessions WHERE operator_id = ?", arguments: [id.rawValue]) }
        if let presence = change.presence { try await writePresence(presence, db) }
        for conversationID in change.requeued {
            // Not remembered as the previous operator: a deactivated account can never take the client back.
            try await db.execute(
                sql: "UPDATE conversations SET assignee_id = NULL, previous_assignee_id = NULL, queued_at = ? WHERE id = ?",
                arguments: [change.at.timeIntervalSince1970, conversationID.rawValue]
            )
        }
        if let audit = change.audit { try await appendAudit(db, audit) }
    }

    /// Replaces an operator's department memberships.
    static func writeDepartments(_ db: Session, of id: OperatorID, _ departments: [DepartmentID]) async throws {
        try await db.execute(sql: "DELETE FROM operator_departments WHERE operator_id = ?", arguments: [id.rawValue])
        for department in Set(departments) {
            try await mapConstraint("department \(department)") {
                try await db.execute(
                    sql: "INSERT INTO operator_departments (operator_id, department_id) VALUES (?, ?)",
                    arguments: [id.rawValue, department.rawValue]
                )
            }
        }
    }

    static func readAccount(_ db: Session, _ id: OperatorID) async throws -> OperatorAccount? {
        guard let row = try await db.row(sql: "SELECT * FROM operators WHERE id = ?", arguments: [id.rawValue]) else { return nil }
        let departments = try await db.values(
            Int64.self,
            sql: "SELECT department_id FROM operator_departments WHERE operator_id = ? ORDER BY department_id",
            arguments: [id.rawValue]
        )
        return OperatorAccount(
            operator: try RowDecoding.operatorValue(row),
            active: try row["active"],
            departmentIDs: departments.map(DepartmentID.init),
            createdAt: try RowDecoding.date(row, "created_at"),
            deactivatedAt: try RowDecoding.optionalDate(row, "deactivated_at")
        )
    }
}
