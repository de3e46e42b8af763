import Logging
import PostgresNIO
public import PostgresStore

/// The PostgreSQL database `bench ingest --database postgres://…` writes into: migrated first, and
/// refused unless it holds no desk rows, because the benchmark adds channels, an operator and
/// tens of thousands of messages that nobody could tell from a real desk's.
public enum PostgresBenchDatabase {
    /// The database holds desk rows; the benchmark would mix its own into them.
    public struct NotEmpty: Error, CustomStringConvertible {
        let location: PostgresLocation
        let tables: [String]

        public var description: String {
            let named = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", …" : "")
            return "\(location) already has rows (in \(named)): bench ingest writes channels, an operator and thousands of "
                + "messages, so it runs only on an empty database of its own (e.g. `createdb switchboard_bench`) and never on a real desk's"
        }
    }

    /// The scratch table of the raw insert baseline; never a desk table.
    static let rawTable = "switchboard_bench_raw"

    /// Migrates the database and checks that no desk table has a row.
    /// - Throws: ``NotEmpty`` naming the tables with rows, or what connecting and migrating throw.
    public static func prepare(_ location: PostgresLocation) async throws {
        let pool = try PostgresPool(location, poolSize: 2, logger: Logger(label: "bench.postgres"))
        do {
            let load = PostgresTableLoad(pool)
            // A wrong password or a missing database fails here at once instead of after the pool's retries.
            try await load.checkConnection()
            _ = try await PostgresMigrator.migrate(pool)
            let tables = try await load.tables().keys.filter {
                !PostgresTableLoad.seededByMigrations.contains($0) && $0 != rawTable
            }
            var occupied: [String] = []
            for table in tables.sorted() {
                let rows = try await pool.client.query(PostgresQuery(unsafeSQL: "SELECT EXISTS (SELECT 1 FROM \"\(table)\")"), logger: pool.logger)
                for try await exists in rows.decode(Bool.self) where exists { occupied.append(table) }
            }
            await pool.close()
            guard occupied.isEmpty else { throw NotEmpty(location: location, tables: occupied) }
        } catch {
            await pool.close()
            throw error
        }
    }

    /// The texts of every client message stored, for counting each benchmark message's copies.
    static func inboundTexts(_ location: PostgresLocation) async throws -> [String] {
        let pool = try PostgresPool(location, poolSize: 1, logger: Logger(label: "bench.postgres"))
        do {
            let rows = try await pool.client.query("SELECT text FROM messages WHERE direction = 'in'", logger: pool.logger)
            var texts: [String] = []
            for try await text in rows.decode(String.self) { texts.append(text) }
            await pool.close()
            return texts
        } catch {
            await pool.close()
            throw error
        }
    }
}
