import Foundation
import GRDB
import SQLiteStore
import TestSupport
import Testing

@Suite struct NewerDatabaseTests {
    @Test func aDatabaseMigratedByANewerVersionIsRefusedNotWrittenTo() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("switchboard.sqlite")
        try SQLiteStore(path: path).close()
        // What a future version's migration leaves behind.
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('9999_from_the_future')") }
        try queue.close()

        #expect(throws: NewerDatabaseError.self) { try SQLiteStore(path: path) }
        #expect(throws: NewerDatabaseError.self) { try SQLiteStore.migrate(path: path) }
    }
}
