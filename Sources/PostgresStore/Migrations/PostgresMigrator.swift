public import Foundation
import Logging
import PostgresNIO

/// Brings a PostgreSQL database up to the newest schema, once, even when several instances start together.
public enum PostgresMigrator {
    /// Applies every registered migration the database has not recorded, in number order, each in
    /// its own transaction with its row in `schema_migrations`.
    ///
    /// A session-level advisory lock serializes instances that migrate at the same moment: the
    /// second waits, then finds everything applied.
    /// - Returns: the identifiers applied by this call, in order.
    @discardableResult
    public static func migrate(_ database: PostgresPool, at now: Date = Date()) async throws -> [String] {
        let logger = database.logger
        return try await database.client.withConnection { connection in
            // Waiting for another instance's migrations, or a migration of a big table, may take
            // longer than any statement should; the pooled connection gets its limit back below.
            try await connection.run("SET statement_timeout = 0", logger: logger)
            try await connection.run("SELECT pg_advisory_lock(\(AdvisoryLock.migrations))", logger: logger)
            do {
                let applied = try await apply(on: connection, at: now, logger: logger)
                try await connection.run("SELECT pg_advisory_unlock(\(AdvisoryLock.migrations))", logger: logger)
                try await connection.run("RESET statement_timeout", logger: logger)
                return applied
            } catch {
                // The lock dies with the session anyway; unlocking early lets a waiting instance report its own error.
                try? await connection.run("SELECT pg_advisory_unlock(\(AdvisoryLock.migrations))", logger: logger)
                try? await connection.run("RESET statement_timeout", logger: logger)
                throw error
            }
        }
    }

    /// The identifiers the database has recorded, in the order they were applied.
    public static func appliedIdentifiers(_ database: PostgresPool) async throws -> [String] {
        try await database.client.withConnection { connection in
            try await recorded(on: connection, logger: database.logger)
        }
    }

    private static func apply(on connection: PostgresConnection, at now: Date, logger: Logger) async throws -> [String] {
        try await connection.run(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                identifier TEXT PRIMARY KEY,
                applied_at DOUBLE PRECISION NOT NULL
            )
            """,
            logger: logger
        )
        let done = Set(try await recorded(on: connection, logger: logger))
        var applied: [String] = []
        for migration in PostgresMigrations.all where !done.contains(migration.identifier) {
            try await connection.withTransaction(logger: logger) { connection in
                for statement in migration.statements {
                    try await connection.run(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                let identifier = migration.identifier
                let seconds = now.timeIntervalSince1970
                try await connection.run(
                    "INSERT INTO schema_migrations (identifier, applied_at) VALUES (\(identifier), \(seconds))",
                    logger: logger
                )
            }
            applied.append(migration.identifier)
        }
        return applied
    }

    private static func recorded(on connection: PostgresConnection, logger: Logger) async throws -> [String] {
        let exists = try await connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL", logger: logger)
        var found = false
        for try await row in exists { found = try row.decode(Bool.self) }
        guard found else { return [] }
        var identifiers: [String] = []
        for try await row in try await connection.query("SELECT identifier FROM schema_migrations ORDER BY applied_at, identifier", logger: logger) {
            identifiers.append(try row.decode(String.self))
        }
        return identifiers
    }
}
