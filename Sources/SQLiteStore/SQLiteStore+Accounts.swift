public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore: InboxStore {
    public func credentials(login: String) async throws -> (operator: Operator, passwordHash: String, active: Bool)? {
        try await pool.read { db in
            guard let row = try db.cachedRow(sql: "SELECT * FROM operators WHERE login = ?", arguments: [login]) else { return nil }
            return (try RowDecoding.operatorValue(row), row["password_hash"], row["active"])
        }
    }

    public func viewer(_ id: OperatorID) async throws -> (Operator, Viewer)? {
        try await pool.read { db in
            guard let account = try Self.readAccount(db, id), account.active else { return nil }
            return (account.operator, Viewer(operatorID: id, role: account.operator.role, departmentIDs: account.departmentIDs))
        }
    }

    public func operators() async throws -> [Operator] {
        try await pool.read { db in
            try db.cachedRows(sql: "SELECT * FROM operators WHERE active = 1 ORDER BY display_name", arguments: []).map(RowDecoding.operatorValue)
        }
    }

    public func createSession(_ session: OperatorSession, at now: Date) async throws {
        try await pool.write { db in
            // Expired sessions are swept on each sign-in so the table never grows without bound.
            try db.cachedExecute(sql: "DELETE FROM sessions WHERE expires_at <= ?", arguments: [now.timeIntervalSince1970])
            try db.cachedExecute(
                sql: "INSERT INTO sessions (token_hash, operator_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    session.tokenHash, session.operatorID.rawValue, session.csrfToken, now.timeIntervalSince1970,
                    session.expiresAt.timeIntervalSince1970,
                ]
            )
        }
    }

    public func session(tokenHash: String, now: Date) async throws -> OperatorSession? {
        try await pool.read { db in
            guard
                let row = try db.cachedRow(
                    sql: "SELECT * FROM sessions WHERE token_hash = ? AND expires_at > ?",
                    arguments: [tokenHash, now.timeIntervalSince1970]
                )
            else { return nil }
            return OperatorSession(
                tokenHash: row["token_hash"],
                operatorID: OperatorID(row["operator_id"]),
                csrfToken: row["csrf_token"],
                expiresAt: RowDecoding.date(row, "expires_at")
            )
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await pool.write { db in try db.cachedExecute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [tokenHash]) }
    }
}
