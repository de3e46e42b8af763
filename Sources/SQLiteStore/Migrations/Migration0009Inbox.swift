import GRDB

extension SQLiteMigrations {
    /// `0009_inbox`: the inbox: sessions, canned replies, full-text search, and the "client wrote last" flag.
    static func migration0009Inbox(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE sessions (
                    token_hash TEXT PRIMARY KEY,
                    operator_id INTEGER NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
                    csrf_token TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    expires_at REAL NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE canned_replies (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    owner_id INTEGER REFERENCES operators(id) ON DELETE CASCADE,
                    shortcut TEXT NOT NULL CHECK (length(shortcut) > 0),
                    title TEXT NOT NULL,
                    body TEXT NOT NULL CHECK (length(body) > 0),
                    created_at REAL NOT NULL
                );
                CREATE UNIQUE INDEX canned_replies_shortcut ON canned_replies(COALESCE(owner_id, 0), shortcut);
                ALTER TABLE conversations ADD COLUMN awaiting_reply INTEGER NOT NULL DEFAULT 0 CHECK (awaiting_reply IN (0, 1));
                CREATE INDEX conversations_list ON conversations(last_message_at DESC, id DESC);
                CREATE INDEX conversations_contact ON conversations(contact_id, id);
                CREATE VIRTUAL TABLE messages_fts USING fts5(
                    text, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
                );
                INSERT INTO messages_fts(rowid, text) SELECT id, text FROM messages;
                CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
                    INSERT INTO messages_fts(rowid, text) VALUES (new.id, new.text);
                END;
                CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
                    INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
                    INSERT INTO messages_fts(rowid, text) VALUES (new.id, new.text);
                END;
                CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
                    INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
                END;
                """
        )
    }
}
