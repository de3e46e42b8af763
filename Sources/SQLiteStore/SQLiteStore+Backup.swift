public import Foundation
import GRDB

/// What a finished backup holds.
public struct BackupSummary: Sendable, Equatable {
    public var path: String
    public var bytes: Int64
    public var messages: Int
    public var conversations: Int
}

/// Why a backup was not written.
public enum BackupError: Error, Equatable, CustomStringConvertible {
    case destinationExists(String)
    case integrityCheckFailed(String)

    public var description: String {
        switch self {
        case .destinationExists(let path): "\(path) already exists; choose a new file name"
        case .integrityCheckFailed(let report): "the copy failed SQLite's integrity check: \(report)"
        }
    }
}

extension SQLiteStore {
    /// Copies the live database to `destination` with SQLite's online backup, which reads one
    /// consistent snapshot while writers go on; the copy is checked before it gets its final name.
    public func backup(to destination: String) async throws -> BackupSummary {
        try await Self.backup(from: pool, to: destination)
    }

    /// Backs up the database file at `source` without migrating it: the running server owns it.
    public static func backup(databaseAt source: String, to destination: String) async throws -> BackupSummary {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        let pool = try DatabasePool(path: source, configuration: configuration)
        defer { try? pool.close() }
        return try await backup(from: pool, to: destination)
    }

    private static func backup(from pool: DatabasePool, to destination: String) async throws -> BackupSummary {
        let files = FileManager.default
        guard !files.fileExists(atPath: destination) else { throw BackupError.destinationExists(destination) }
        // A half-written copy never carries the final name, so a crash leaves no file that looks good.
        let partial = destination + ".partial"
        try? files.removeItem(atPath: partial)
        do {
            let copy = try DatabaseQueue(path: partial)
            try await Task.detached { try pool.backup(to: copy) }.value
            let summary = try await copy.read { db in
                let report = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                guard report == ["ok"] else { throw BackupError.integrityCheckFailed(report.joined(separator: "; ")) }
                return (
                    messages: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages") ?? 0,
                    conversations: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM conversations") ?? 0
                )
            }
            try copy.close()
            try files.moveItem(atPath: partial, toPath: destination)
            let bytes = (try files.attributesOfItem(atPath: destination)[.size] as? NSNumber)?.int64Value ?? 0
            return BackupSummary(path: destination, bytes: bytes, messages: summary.messages, conversations: summary.conversations)
        } catch {
            try? files.removeItem(atPath: partial)
            throw error
        }
    }
}
