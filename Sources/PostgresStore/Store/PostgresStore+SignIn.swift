public import Foundation
public import SwitchboardCore

extension PostgresStore: SignInAttemptStore {
    /// Reads the marks and writes the decision in one write transaction, which holds the cluster's
    /// write lock (see ``PostgresStore``): another instance's attempt waits, then sees these marks.
    public func reserveSignIn(login: String, address: String, limits: SignInLimits, at now: Date) async throws -> SignInDecision {
        try await write { db in
            let keys = SignInKeys(login: login, address: address)
            let snapshot = SignInSnapshot(keys: keys, marks: try await Self.signInMarks(db, of: keys.all))
            let (decision, changes) = SignInRules.reserve(snapshot, limits: limits, now: now)
            try await Self.apply(changes, db)
            return decision
        }
    }

    public func releaseSignIn(_ attempt: SignInAttempt, limits: SignInLimits, at now: Date) async throws {
        try await write { db in
            try await Self.apply(SignInRules.release(attempt, limits: limits, now: now), db)
        }
    }

    private static func signInMarks(_ db: Session, of keys: [SignInKey]) async throws -> [SignInMark] {
        let match = keys.map { _ in "(kind = ? AND login = ? AND address = ?)" }.joined(separator: " OR ")
        return try await db.rows(
            sql: "SELECT kind, login, address, marked_at FROM sign_in_marks WHERE \(match)",
            arguments: keys.flatMap { [$0.kind.rawValue, $0.login, $0.address] }
        )
        .map { row in
            SignInMark(
                key: SignInKey(kind: try RowDecoding.enumValue(row, "kind"), login: try row["login"], address: try row["address"]),
                at: try RowDecoding.date(row, "marked_at")
            )
        }
    }

    private static func apply(_ changes: SignInChanges, _ db: Session) async throws {
        for key in changes.clear {
            try await db.execute(
                sql: "DELETE FROM sign_in_marks WHERE kind = ? AND login = ? AND address = ?",
                arguments: [key.kind.rawValue, key.login, key.address]
            )
        }
        for mark in changes.remove {
            try await db.execute(
                sql: """
                    DELETE FROM sign_in_marks WHERE id = (
                        SELECT id FROM sign_in_marks WHERE kind = ? AND login = ? AND address = ? AND marked_at = ? LIMIT 1
                    )
                    """,
                arguments: [mark.key.kind.rawValue, mark.key.login, mark.key.address, mark.at.timeIntervalSince1970]
            )
        }
        for mark in changes.add {
            try await db.execute(
                sql: "INSERT INTO sign_in_marks (kind, login, address, marked_at) VALUES (?, ?, ?, ?)",
                arguments: [mark.key.kind.rawValue, mark.key.login, mark.key.address, mark.at.timeIntervalSince1970]
            )
        }
        try await db.execute(sql: "DELETE FROM sign_in_marks WHERE marked_at < ?", arguments: [changes.pruneBefore.timeIntervalSince1970])
    }
}
