import GRDB

extension SQLiteMigrations {
    /// `0001_channels`: channels; the token is stored encrypted, and only by the admin features.
    static func migration0001Channels(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE departments (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE CHECK (length(name) > 0)
                );
                CREATE TABLE channels (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL CHECK (kind IN ('telegram', 'viber')),
                    name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
                    mode TEXT NOT NULL CHECK (mode IN ('poll', 'webhook')),
                    token_ciphertext BLOB,
                    webhook_secret TEXT,
                    settings TEXT NOT NULL DEFAULT '{}',
                    persona_name TEXT NOT NULL,
                    persona_avatar_url TEXT,
                    default_department_id INTEGER REFERENCES departments(id) ON DELETE SET NULL,
                    paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
                    created_at REAL NOT NULL
                );
                """
        )
    }
}
