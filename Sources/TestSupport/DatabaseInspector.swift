public import GRDB

/// Reads and tampers with a store's file from the side, to check invariants the API cannot show.
public struct DatabaseInspector: Sendable {
    let queue: DatabaseQueue

    /// Opens the same SQLite file the store uses.
    ///
    /// It waits for the server's writer instead of failing at once: GRDB's default busy mode is an
    /// immediate "database is locked", which a running server's background writes made a flake.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Row count of a table.
    public func count(_ table: String) throws -> Int {
        try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    /// Row counts of every table that ingest writes.
    public func ingestCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in ["contacts", "identities", "conversations", "messages", "events", "inbound_receipts"] {
            counts[table] = try count(table)
        }
        return counts
    }

    /// The first column of every row a query returns, as text.
    public func strings(_ sql: String) throws -> [String] {
        try queue.read { db in try String.fetchAll(db, sql: sql) }
    }

    /// Runs raw SQL, for example to install a trigger that makes a write fail half-way.
    public func execute(_ sql: String) throws {
        try queue.write { db in try db.execute(sql: sql) }
    }

    /// Closes the connection.
    public func close() throws {
        try queue.close()
    }
}
