import Logging
import PostgresStore
import TestSupport

/// A new, empty database on this test process's throwaway server, with a pool open on it.
struct FreshDatabase {
    let url: String
    let database: PostgresPool

    /// Creates the database; `migrated` runs every migration first.
    static func make(migrated: Bool = true) async throws -> FreshDatabase {
        let url = try ThrowawayPostgres.shared().newDatabaseURL()
        let database = try open(url)
        if migrated {
            try await PostgresMigrator.migrate(database)
        }
        return FreshDatabase(url: url, database: database)
    }

    /// A second pool on the same database, as another instance would open it.
    static func open(_ url: String) throws -> PostgresPool {
        try PostgresPool(PostgresLocation(url: url), poolSize: 8, logger: Logger(label: "test.postgres"))
    }

    /// Runs `body` with a fresh database, closing the pool afterwards.
    static func with<T>(migrated: Bool = true, _ body: (FreshDatabase) async throws -> T) async throws -> T {
        let fresh = try await make(migrated: migrated)
        do {
            let result = try await body(fresh)
            await fresh.database.close()
            return result
        } catch {
            await fresh.database.close()
            throw error
        }
    }
}
