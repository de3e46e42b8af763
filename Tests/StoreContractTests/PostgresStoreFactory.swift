import Foundation
import Logging
import PostgresStore
import TestSupport

extension StoreFactory {
    /// A database of its own on this test process's throwaway PostgreSQL server, copied from a
    /// migrated template.
    ///
    /// Databases are not dropped after their case: `DROP DATABASE` waits for a checkpoint, and with
    /// every case dropping its own those waits made the suite ten times slower. The server and its
    /// folder (about 10 MB a case) go when the test process ends.
    static let postgres = StoreFactory(name: "PostgreSQL") {
        let server = try ThrowawayPostgres.shared()
        let template = try await MigratedPostgresTemplate.shared.name(on: server)
        let name = try server.newDatabase(template: template)
        do {
            let pool = try PostgresPool(PostgresLocation(url: server.url(database: name)), poolSize: 3, logger: Logger(label: "contract.postgres"))
            let store = PostgresStore(pool: pool)
            return StoreUnderTest(
                store: store,
                openAnother: {
                    let otherPool = try PostgresPool(
                        PostgresLocation(url: server.url(database: name)),
                        poolSize: 3,
                        logger: Logger(label: "contract.postgres.other")
                    )
                    let other = PostgresStore(pool: otherPool)
                    return OtherInstance(store: other) { await other.close() }
                },
                rowCount: { table in
                    let count = try server.psql("SELECT COUNT(*) FROM \(table)", database: name)
                    return Int(count.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
                },
                tearDown: { await store.close() }
            )
        } catch {
            try? server.dropDatabase(name)
            throw error
        }
    }
}

/// One migrated database per test process that every contract case copies, so a case costs a
/// file copy instead of 31 migrations.
actor MigratedPostgresTemplate {
    static let shared = MigratedPostgresTemplate()

    private var made: Task<String, any Error>?

    /// The template's name, migrating it the first time.
    func name(on server: ThrowawayPostgres) async throws -> String {
        if let made { return try await made.value }
        let task = Task {
            let name = try server.newDatabase()
            let pool = try PostgresPool(PostgresLocation(url: server.url(database: name)), poolSize: 1, logger: Logger(label: "contract.template"))
            do {
                _ = try await PostgresMigrator.migrate(pool)
                await pool.close()
            } catch {
                await pool.close()
                throw error
            }
            return name
        }
        made = task
        return try await task.value
    }
}
