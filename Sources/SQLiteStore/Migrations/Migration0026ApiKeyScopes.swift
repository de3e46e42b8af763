import GRDB

extension SQLiteMigrations {
    /// `0026_api_key_scopes`: API keys get scopes (existing keys keep `contexts:write`, all they could do), a bot
    /// name for the messages they post, and a per-minute limit; messages remember the key that posted them; the
    /// audit log accepts API keys as actors (SQLite cannot alter a CHECK, so the table is copied).
    static func migration0026ApiKeyScopes(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE api_keys ADD COLUMN scopes TEXT NOT NULL DEFAULT 'contexts:write' CHECK (length(scopes) > 0);
                ALTER TABLE api_keys ADD COLUMN bot_name TEXT;
                ALTER TABLE api_keys ADD COLUMN rate_per_minute INTEGER CHECK (rate_per_minute IS NULL OR rate_per_minute > 0);
                ALTER TABLE messages ADD COLUMN api_key_id INTEGER REFERENCES api_keys(id);
                CREATE TABLE audit_log_new (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at REAL NOT NULL,
                    actor_kind TEXT NOT NULL CHECK (actor_kind IN ('operator', 'cli', 'manifest', 'system', 'api_key')),
                    actor_id INTEGER,
                    actor_name TEXT NOT NULL,
                    action TEXT NOT NULL CHECK (length(action) > 0),
                    target TEXT NOT NULL,
                    changes TEXT NOT NULL DEFAULT '{}'
                );
                INSERT INTO audit_log_new (id, at, actor_kind, actor_id, actor_name, action, target, changes)
                    SELECT id, at, actor_kind, actor_id, actor_name, action, target, changes FROM audit_log;
                DROP TABLE audit_log;
                ALTER TABLE audit_log_new RENAME TO audit_log;
                CREATE INDEX audit_log_actor ON audit_log(actor_id, id);
                """
        )
    }
}
