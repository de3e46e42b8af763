import GRDB

extension SQLiteMigrations {
    /// `0007_outbox`: the outbox: a reply is committed here before any network call.
    static func migration0007Outbox(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE outbox (
                    message_id INTEGER PRIMARY KEY REFERENCES messages(id),
                    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
                    channel_id INTEGER NOT NULL REFERENCES channels(id),
                    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                    next_attempt_at REAL NOT NULL,
                    claimed_until REAL,
                    last_error TEXT
                );
                CREATE INDEX outbox_due ON outbox(next_attempt_at);
                CREATE INDEX outbox_conversation ON outbox(conversation_id, message_id);
                """
        )
    }
}
