import GRDB
import Testing

@testable import SQLiteStore

/// `0026_api_key_scopes` on a database that already has keys and an audit log.
@Suite struct APIKeyScopesMigrationTests {
    @Test func existingKeysKeepContextsWriteAndTheAuditLogIsKeptWhole() throws {
        // Given a database as the release before scopes left it, with a key and an audit entry.
        let queue = try DatabaseQueue()
        try SQLiteMigrations.migrator.migrate(queue, upTo: "0024_report_speed")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO api_keys (name, key_hash, masked_key, created_at) VALUES ('website', 'h', '••••abcd', 1)")
            try db.execute(
                sql: """
                    INSERT INTO audit_log (at, actor_kind, actor_id, actor_name, action, target, changes)
                    VALUES (2, 'cli', NULL, 'CLI', 'api_key.created', 'api key 1 (website)', '{"key":{"from":"•••","to":"•••"}}')
                    """
            )
        }

        // When the migration runs.
        try SQLiteMigrations.migrator.migrate(queue)

        // Then the key may do what it always could, and the log accepts API keys as actors.
        try queue.write { db in
            #expect(try String.fetchOne(db, sql: "SELECT scopes FROM api_keys WHERE name = 'website'") == "contexts:write")
            #expect(try String.fetchOne(db, sql: "SELECT bot_name FROM api_keys WHERE name = 'website'") == nil)
            let entry = try Row.fetchOne(db, sql: "SELECT id, actor_kind, action, changes FROM audit_log")
            #expect(entry?["id"] == 1)
            #expect(entry?["actor_kind"] == "cli")
            #expect(entry?["changes"] == #"{"key":{"from":"•••","to":"•••"}}"#)
            try db.execute(
                sql: "INSERT INTO audit_log (at, actor_kind, actor_name, action, target) VALUES (3, 'api_key', 'API key 1 (website)', 'x', 'y')"
            )
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO audit_log (at, actor_kind, actor_name, action, target) VALUES (3, 'robot', 'r', 'x', 'y')")
            }
        }
    }
}
