import Foundation
import GRDB

/// The ceiling to compare against: single-row GRDB write transactions on the same disk, same pragmas.
enum RawSQLiteBaseline {
    /// Inserts `count` rows, one transaction each, from `concurrency` tasks; returns transactions per second.
    static func measure(path: String, count: Int, concurrency: Int) async throws -> Double {
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        let pool = try DatabasePool(path: path, configuration: configuration)
        try await pool.write { db in
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL, at REAL NOT NULL)")
        }
        let body = String(repeating: "x", count: 200)
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    for _ in stride(from: worker, to: count, by: concurrency) {
                        try await pool.write { db in
                            try db.execute(sql: "INSERT INTO rows (body, at) VALUES (?, ?)", arguments: [body, Date().timeIntervalSince1970])
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = start.duration(to: .now)
        try pool.close()
        return Double(count) / elapsed.seconds
    }
}

extension Duration {
    /// The duration as floating-point seconds.
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
