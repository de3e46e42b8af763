import SQLiteStore
import TestSupport
import Testing

extension StoreFixture {
    /// The fixture's store as the engine it is here: these tests check what only SQLite has (its
    /// online backup, closing its pool), and `openStore` opens a file path as SQLite.
    var sqlite: SQLiteStore {
        get throws { try #require(store as? SQLiteStore) }
    }
}
