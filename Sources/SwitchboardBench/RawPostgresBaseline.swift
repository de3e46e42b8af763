import Foundation
import Logging
import PostgresNIO
import PostgresStore

/// The ceiling to compare against on PostgreSQL, the counterpart of ``RawSQLiteBaseline``: plain
/// `INSERT`s over postgres-nio into a scratch table of the same database, on the same server.
enum RawPostgresBaseline {
    /// What the server took.
    struct Rates: Sendable {
        /// One row per statement (one transaction each), from as many tasks as the ingest's producers.
        var rowTransactionsPerSecond: Double
        /// Rows per second inserted `batch` at a time, one statement and transaction per batch, from one task.
        var batchedRowsPerSecond: Double
        var batch: Int
    }

    /// Inserts `count` rows one per transaction from `concurrency` tasks, then `count` rows in
    /// batches; drops the scratch table afterwards.
    static func measure(location: PostgresLocation, count: Int, concurrency: Int, batch: Int = 1_000) async throws -> Rates {
        let pool = try PostgresPool(location, poolSize: concurrency, logger: Logger(label: "bench.raw"))
        let table = PostgresBenchDatabase.rawTable
        do {
            try await run(pool, "DROP TABLE IF EXISTS \(table)")
            // The shape of RawSQLiteBaseline's table: an id, a 200-byte body and a time.
            try await run(
                pool,
                "CREATE TABLE \(table) (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body TEXT NOT NULL, at DOUBLE PRECISION NOT NULL)"
            )
            let body = String(repeating: "x", count: 200)
            let start = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<concurrency {
                    group.addTask {
                        for _ in stride(from: worker, to: count, by: concurrency) {
                            let at = Date().timeIntervalSince1970
                            try await drain(
                                pool.client.query("INSERT INTO switchboard_bench_raw (body, at) VALUES (\(body), \(at))", logger: pool.logger)
                            )
                        }
                    }
                }
                try await group.waitForAll()
            }
            let single = Double(count) / start.duration(to: .now).seconds
            let batchStart = ContinuousClock.now
            var written = 0
            while written < count {
                let size = min(batch, count - written)
                let bodies = [String](repeating: body, count: size)
                let times = [Double](repeating: Date().timeIntervalSince1970, count: size)
                try await drain(
                    pool.client.query(
                        "INSERT INTO switchboard_bench_raw (body, at) SELECT * FROM unnest(\(bodies)::text[], \(times)::float8[])",
                        logger: pool.logger
                    )
                )
                written += size
            }
            let batched = Double(count) / batchStart.duration(to: .now).seconds
            try await run(pool, "DROP TABLE \(table)")
            await pool.close()
            return Rates(rowTransactionsPerSecond: single, batchedRowsPerSecond: batched, batch: batch)
        } catch {
            try? await run(pool, "DROP TABLE IF EXISTS \(table)")
            await pool.close()
            throw error
        }
    }

    private static func run(_ pool: PostgresPool, _ sql: String) async throws {
        try await drain(pool.client.query(PostgresQuery(unsafeSQL: sql), logger: pool.logger))
    }

    /// Reads a statement's result to its end, so its error (if any) surfaces and the connection goes back to the pool.
    private static func drain(_ rows: PostgresRowSequence) async throws {
        for try await _ in rows {}
    }
}
