public import Foundation
import Logging
import PostgresStore
import SQLiteStore

/// Opens the store the configuration names: the one place `serve`, the demo and every command get
/// their store from. A SQLite file is migrated before this returns; a PostgreSQL database is
/// migrated (once across the cluster) before the store's first operation runs, which then throws
/// the migration's error, so opening stays synchronous for both.
/// - Throws: `DatabaseLocation.Unsupported` when the configuration names an engine this build lacks;
///   otherwise what opening or migrating the database throws.
public func openStore(_ config: AppConfig) throws -> any AppStore {
    switch try DatabaseLocation(config.databasePath) {
    case .sqlite(let path):
        return try SQLiteStore(path: path, floodLimits: config.floodLimits)
    case .postgres(let location):
        let pool = try PostgresPool(
            location,
            poolSize: config.databasePoolSize,
            statementTimeout: .milliseconds(Int64(config.databaseStatementTimeout * 1000)),
            logger: Logger(label: "switchboard.postgres")
        )
        return PostgresStore(pool: pool, migrating: true, floodLimits: config.floodLimits)
    }
}

extension DatabaseLocation {
    /// What a backup wrote.
    public struct Backup: Sendable, Equatable {
        /// The backup file.
        public var path: String
        public var bytes: Int64
        public var messages: Int
        public var conversations: Int
    }

    /// A maintenance operation that could not be done, said for an admin.
    public struct MaintenanceError: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// A readable name of the database for messages: a path, or a URL without its password.
    public var displayName: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let location): location.description
        }
    }

    /// Applies pending migrations without keeping the database open.
    /// - Returns: the identifiers of the migrations that were applied.
    /// - Throws: when the database cannot be opened, is newer than this build, or a migration fails.
    public func migrate() async throws -> [String] {
        switch self {
        case .sqlite(let path):
            return try SQLiteStore.migrate(path: path)
        case .postgres(let location):
            let pool = try PostgresPool(location, poolSize: 1, logger: Logger(label: "switchboard.migrate"))
            do {
                let applied = try await PostgresMigrator.migrate(pool)
                await pool.close()
                return applied
            } catch {
                await pool.close()
                throw error
            }
        }
    }

    /// Applies pending migrations to a SQLite file on the calling thread, for callers that cannot
    /// wait asynchronously (the tests' migrated template).
    /// - Throws: `MaintenanceError` for a PostgreSQL database, which migrates only asynchronously;
    ///   otherwise what `migrate()` throws.
    public func migrateSQLiteFile() throws -> [String] {
        guard case .sqlite(let path) = self else {
            throw MaintenanceError(description: "\(displayName) is not a SQLite file; use the asynchronous migrate()")
        }
        return try SQLiteStore.migrate(path: path)
    }

    /// Writes a consistent online backup (safe while `serve` runs) to a new file.
    /// - Throws: `MaintenanceError` when there is no database, the file exists or the copy fails its
    ///   check, or the database is PostgreSQL (whose own tools back it up).
    public func backup(to file: String) async throws -> Backup {
        switch self {
        case .sqlite(let path):
            guard FileManager.default.fileExists(atPath: path) else { throw MaintenanceError(description: "no database at \(path)") }
            do {
                let summary = try await SQLiteStore.backup(databaseAt: path, to: file)
                return Backup(path: summary.path, bytes: summary.bytes, messages: summary.messages, conversations: summary.conversations)
            } catch let error as BackupError {
                throw MaintenanceError(description: error.description)
            }
        case .postgres:
            throw MaintenanceError(
                description: "switchboard backup copies SQLite files; back a PostgreSQL database up with pg_dump or the server's own backups"
            )
        }
    }
}
