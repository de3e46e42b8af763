import GRDB

extension SQLiteMigrations {
    /// `0005_messages`: messages; (channel, external id) is unique so a redelivered message never doubles.
    static func migration0005Messages(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE messages (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
                    channel_id INTEGER NOT NULL REFERENCES channels(id),
                    direction TEXT NOT NULL CHECK (direction IN ('in', 'out', 'note')),
                    author_kind TEXT NOT NULL CHECK (author_kind IN ('client', 'operator', 'bot', 'system')),
                    author_operator_id INTEGER REFERENCES operators(id),
                    text TEXT NOT NULL DEFAULT '',
                    attachments TEXT NOT NULL DEFAULT '[]',
                    external_id TEXT,
                    delivery_state TEXT CHECK (delivery_state IN ('queued', 'sent', 'delivered', 'seen', 'failed')),
                    failure_reason TEXT,
                    created_at REAL NOT NULL,
                    edited_at REAL,
                    CHECK ((direction = 'out') = (delivery_state IS NOT NULL)),
                    CHECK ((author_kind = 'operator') = (author_operator_id IS NOT NULL))
                );
                CREATE UNIQUE INDEX messages_external ON messages(channel_id, external_id) WHERE external_id IS NOT NULL;
                CREATE INDEX messages_conversation ON messages(conversation_id, id);
                CREATE TABLE message_edits (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                    previous_text TEXT NOT NULL,
                    edited_at REAL NOT NULL
                );
                """
        )
    }
}
