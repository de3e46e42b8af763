public import Foundation
public import SwitchboardCore

extension PostgresStore: InboxStore {
    public func credentials(login: String) async throws -> (operator: Operator, passwordHash: String, active: Bool)? {
        try await read { db in
            guard let row = try await db.row(sql: "SELECT * FROM operators WHERE login = ?", arguments: [login]) else { return nil }
            return (try RowDecoding.operatorValue(row), try row["password_hash"], try row["active"])
        }
    }

    public func viewer(_ id: OperatorID) async throws -> (Operator, Viewer)? {
        try await read { db in
            guard let account = try await Self.readAccount(db, id), account.active else { return nil }
            return (account.operator, Viewer(operatorID: id, role: account.operator.role, departmentIDs: account.departmentIDs))
        }
    }

    public func operators() async throws -> [Operator] {
        try await read { db in
            try await db.rows(sql: "SELECT * FROM operators WHERE active = 1 ORDER BY display_name").map(RowDecoding.operatorValue)
        }
    }

    public func createSession(_ session: OperatorSession, at now: Date) async throws {
        try await write { db in
            // Expired sessions are swept on each sign-in so the table never grows without bound.
            try await db.execute(sql: "DELETE FROM sessions WHERE expires_at <= ?", arguments: [now.timeIntervalSince1970])
            try await db.execute(
                sql: "INSERT INTO sessions (token_hash, operator_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    session.tokenHash, session.operatorID.rawValue, session.csrfToken, now.timeIntervalSince1970,
                    session.expiresAt.timeIntervalSince1970,
                ]
            )
        }
    }

    public func session(tokenHash: String, now: Date) async throws -> OperatorSession? {
        try await read { db in
            guard
                let row = try await db.row(
                    sql: "SELECT * FROM sessions WHERE token_hash = ? AND expires_at > ?",
                    arguments: [tokenHash, now.timeIntervalSince1970]
                )
            else { return nil }
            return OperatorSession(
                tokenHash: try row["token_hash"],
                operatorID: OperatorID(try row["operator_id"]),
                csrfToken: try row["csrf_token"],
                expiresAt: try RowDecoding.date(row, "expires_at")
            )
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await write { db in try await db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [tokenHash]) }
    }
}
