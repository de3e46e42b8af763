public import Foundation
import SQLiteStore

/// Opens (and migrates) the store the configuration names: the one place `serve`, the demo and every
/// command get their store from.
/// - Throws: `DatabaseLocation.Unsupported` when the configuration names an engine this build lacks;
///   otherwise what opening or migrating the database throws.
public func openStore(_ config: AppConfig) throws -> any AppStore {
    switch try DatabaseLocation(config.databasePath) {
    case .sqlite(let path): try SQLiteStore(path: path, floodLimits: config.floodLimits)
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

    /// A readable name of the database for messages (a path; never credentials).
    public var displayName: String {
        switch self {
        case .sqlite(let path): path
        }
    }

    /// Applies pending migrations without keeping the database open.
    /// - Returns: the identifiers of the migrations that were applied.
    /// - Throws: when the database cannot be opened, is newer than this build, or a migration fails.
    public func migrate() throws -> [String] {
        switch self {
        case .sqlite(let path): try SQLiteStore.migrate(path: path)
        }
    }

    /// Writes a consistent online backup (safe while `serve` runs) to a new file.
    /// - Throws: `MaintenanceError` when there is no database, the file exists or the copy fails its check.
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
        }
    }
}
