import Foundation
import GRDB
import Logging
import PostgresNIO
import TestSupport
import Testing

@testable import PostgresStore

struct PostgresMigratorTests {
    @Test func appliesEveryMigrationOnceAndThenNothing() async throws {
        try await FreshDatabase.with(migrated: false) { fresh in
            let applied = try await PostgresMigrator.migrate(fresh.database)
            #expect(applied.count > 30)
            #expect(applied == applied.sorted())
            #expect(try await PostgresMigrator.appliedIdentifiers(fresh.database) == applied)
            #expect(try await PostgresMigrator.migrate(fresh.database).isEmpty)
        }
    }

    @Test func twoInstancesStartingTogetherApplyEachMigrationOnce() async throws {
        try await FreshDatabase.with(migrated: false) { fresh in
            let other = try FreshDatabase.open(fresh.url)
            async let first = PostgresMigrator.migrate(fresh.database)
            async let second = PostgresMigrator.migrate(other)
            let (a, b) = try await (first, second)
            await other.close()
            #expect(Set(a).isDisjoint(with: b))
            #expect((a + b).sorted() == (try await PostgresMigrator.appliedIdentifiers(fresh.database)))
        }
    }

    /// Another instance may hold the migration lock for longer than any statement may run (a big
    /// table's migration); waiting for it must not end in a timeout, nor go ahead without the lock.
    @Test func waitsForAnotherInstancesMigrationsPastTheStatementTimeout() async throws {
        try await FreshDatabase.with(migrated: false) { fresh in
            let impatient = try PostgresPool(
                PostgresLocation(url: fresh.url),
                poolSize: 2,
                statementTimeout: .milliseconds(300),
                logger: Logger(label: "test.postgres")
            )
            let (held, signalHeld) = AsyncStream<Void>.makeStream()
            let holder = Task {
                try await fresh.database.client.withConnection { connection in
                    for try await _ in try await connection.query(
                        "SELECT pg_advisory_lock(\(AdvisoryLock.migrations))",
                        logger: Logger(label: "test.holder")
                    ) {}
                    signalHeld.yield()
                    try await Task.sleep(for: .seconds(1))
                    for try await _ in try await connection.query(
                        "SELECT pg_advisory_unlock(\(AdvisoryLock.migrations))",
                        logger: Logger(label: "test.holder")
                    ) {}
                }
            }
            for await _ in held { break }
            let started = ContinuousClock.now
            let applied = try await PostgresMigrator.migrate(impatient)
            #expect(ContinuousClock.now - started > .milliseconds(500), "it waited for the holder")
            #expect(applied.count == PostgresMigrations.all.count)
            try await holder.value
            await impatient.close()
        }
    }

    /// The two stores must hold the same rows, so `copy-database` can copy table by table: every
    /// SQLite migration has its PostgreSQL twin, and every SQLite table its columns.
    @Test func theSchemaMirrorsSQLitesMigrationForMigration() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sqlite = try DatabaseQueue(path: directory.migratedDatabase("mirror.sqlite"))
        let (sqliteMigrations, sqliteColumns) = try await sqlite.read { db in
            let migrations = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
            let tables = try String.fetchAll(
                db,
                sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table'
                    AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
                    AND name NOT LIKE '%_fts_%'
                    """
            )
            var columns: Set<String> = []
            for table in tables {
                for column in try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table]) {
                    columns.insert("\(table).\(column)")
                }
            }
            return (migrations, columns)
        }
        try await FreshDatabase.with { fresh in
            #expect(try await PostgresMigrator.appliedIdentifiers(fresh.database).sorted() == sqliteMigrations)
            var postgresColumns: Set<String> = []
            let rows = try await fresh.database.client.query(
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'"
            )
            for try await (table, column) in rows.decode((String, String).self) {
                postgresColumns.insert("\(table).\(column)")
            }
            #expect(sqliteColumns.subtracting(postgresColumns).sorted() == [])
        }
    }
}
