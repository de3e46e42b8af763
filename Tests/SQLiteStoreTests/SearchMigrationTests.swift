import GRDB
import Testing

@testable import SQLiteStore

/// `0027_search`: contacts written before it are searchable after it, and triggers keep the index current.
@Suite struct SearchMigrationTests {
    func matches(_ queue: DatabaseQueue, _ expression: String) throws -> [Int64] {
        try queue.read {
            try Int64.fetchAll($0, sql: "SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ? ORDER BY rowid", arguments: [expression])
        }
    }

    @Test func existingContactsAreBackfilledAndChangesFollow() throws {
        // Given a database from before the migration with a contact and their identity,
        let queue = try DatabaseQueue()
        try SQLiteMigrations.migrator.migrate(queue, upTo: "0024_report_speed")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO channels (id, kind, name, mode, persona_name, created_at) VALUES (1, 'telegram', 'tg', 'poll', 'Acme', 0);
                    INSERT INTO contacts (id, display_name, phone, created_at) VALUES (7, 'Olena Kovalenko', '+380 67 123-45-67', 0);
                    INSERT INTO identities (contact_id, channel_id, external_id, username, profile_name, created_at)
                    VALUES (7, 1, 'u-7', 'olena_k', 'Lenochka', 0);
                    """
            )
        }

        // When it migrates,
        try SQLiteMigrations.migrator.migrate(queue)

        // Then names, phones (as typed and as digits), usernames and profile names are found,
        for expression in ["kovalen*", "\"380671234567\"", "\"123\"", "olena_k", "lenochka"] {
            #expect(try matches(queue, expression) == [7], "\(expression)")
        }
        // and later changes to contacts and identities reach the index.
        try queue.write { db in
            try db.execute(sql: "UPDATE contacts SET preferred_name = 'Lena' WHERE id = 7")
            try db.execute(sql: "INSERT INTO contacts (id, display_name, created_at) VALUES (8, 'Other', 0)")
            try db.execute(sql: "UPDATE identities SET contact_id = 8, username = 'moved' WHERE contact_id = 7")
        }
        #expect(try matches(queue, "lena") == [7])
        #expect(try matches(queue, "olena_k").isEmpty)
        #expect(try matches(queue, "moved") == [8])
        try queue.write { db in try db.execute(sql: "DELETE FROM identities; DELETE FROM contacts WHERE id = 8") }
        #expect(try matches(queue, "moved OR other").isEmpty)
    }
}
