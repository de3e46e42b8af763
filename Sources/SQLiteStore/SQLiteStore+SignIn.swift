public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore: SignInAttemptStore {
    /// Reads the marks and writes the decision in one IMMEDIATE transaction (GRDB's default for a
    /// write), so a second process on the same file waits and then sees this attempt's marks.
    public func reserveSignIn(login: String, address: String, limits: SignInLimits, at now: Date) async throws -> SignInDecision {
        try await pool.write { db in
            let keys = SignInKeys(login: login, address: address)
            let snapshot = SignInSnapshot(keys: keys, marks: try Self.signInMarks(db, of: keys.all))
            let (decision, changes) = SignInRules.reserve(snapshot, limits: limits, now: now)
            try Self.apply(changes, db)
            return decision
        }
    }

    public func releaseSignIn(_ attempt: SignInAttempt, limits: SignInLimits, at now: Date) async throws {
        try await pool.write { db in
            try Self.apply(SignInRules.release(attempt, limits: limits, now: now), db)
        }
    }

    private static func signInMarks(_ db: Database, of keys: [SignInKey]) throws -> [SignInMark] {
        let match = keys.map { _ in "(kind = ? AND login = ? AND address = ?)" }.joined(separator: " OR ")
        return try db.cachedRows(
            sql: "SELECT kind, login, address, marked_at FROM sign_in_marks WHERE \(match)",
            arguments: StatementArguments(keys.flatMap { [$0.kind.rawValue, $0.login, $0.address] })
        )
        .map { row in
            SignInMark(
                key: SignInKey(kind: try RowDecoding.enumValue(row, "kind"), login: row["login"], address: row["address"]),
                at: RowDecoding.date(row, "marked_at")
            )
        }
    }

    private static func apply(_ changes: SignInChanges, _ db: Database) throws {
        for key in changes.clear {
            try db.cachedExecute(
                sql: "DELETE FROM sign_in_marks WHERE kind = ? AND login = ? AND address = ?",
                arguments: [key.kind.rawValue, key.login, key.address]
            )
        }
        for mark in changes.remove {
            try db.cachedExecute(
                sql: """
                    DELETE FROM sign_in_marks WHERE id = (
                        SELECT id FROM sign_in_marks WHERE kind = ? AND login = ? AND address = ? AND marked_at = ? LIMIT 1
                    )
                    """,
                arguments: [mark.key.kind.rawValue, mark.key.login, mark.key.address, mark.at.timeIntervalSince1970]
            )
        }
        for mark in changes.add {
            try db.cachedExecute(
                sql: "INSERT INTO sign_in_marks (kind, login, address, marked_at) VALUES (?, ?, ?, ?)",
                arguments: [mark.key.kind.rawValue, mark.key.login, mark.key.address, mark.at.timeIntervalSince1970]
            )
        }
        try db.cachedExecute(sql: "DELETE FROM sign_in_marks WHERE marked_at < ?", arguments: [changes.pruneBefore.timeIntervalSince1970])
    }
}
