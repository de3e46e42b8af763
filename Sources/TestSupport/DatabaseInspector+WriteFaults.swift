import Foundation
import GRDB

extension DatabaseInspector {
    /// Makes every insert, update and delete on the store's tables fail while reads keep working,
    /// as on a full disk: a trigger on each table aborts the statement.
    public func failAllWrites(reason: String = "database or disk is full") throws {
        try queue.write { db in
            for table in try Self.writableTables(db) {
                for operation in ["INSERT", "UPDATE", "DELETE"] {
                    try db.execute(
                        sql: """
                            CREATE TRIGGER "fault_\(operation.lowercased())_\(table)" BEFORE \(operation) ON "\(table)"
                            BEGIN SELECT RAISE(ABORT, '\(reason.replacingOccurrences(of: "'", with: "''"))'); END
                            """
                    )
                }
            }
        }
    }

    /// Undoes ``failAllWrites(reason:)``.
    public func restoreWrites() throws {
        try queue.write { db in
            let triggers = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'fault\\_%' ESCAPE '\\'")
            for trigger in triggers { try db.execute(sql: "DROP TRIGGER \"\(trigger)\"") }
        }
    }

    /// Ordinary tables: not SQLite's own, not full-text indexes nor their shadow tables.
    private static func writableTables(_ db: Database) throws -> [String] {
        let rows = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
        let virtual = rows.filter { ($0["sql"] as String? ?? "").uppercased().hasPrefix("CREATE VIRTUAL") }.map { $0["name"] as String }
        return rows.map { $0["name"] as String }.filter { name in !virtual.contains { name == $0 || name.hasPrefix($0 + "_") } }
    }
}
