import GRDB

extension SQLiteMigrations {
    /// `0004_conversations`: conversations with their lifecycle timestamps (analytics reads them).
    static func migration0004Conversations(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE conversations (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    contact_id INTEGER NOT NULL REFERENCES contacts(id),
                    channel_id INTEGER NOT NULL REFERENCES channels(id),
                    identity_id INTEGER NOT NULL REFERENCES identities(id),
                    status TEXT NOT NULL CHECK (status IN ('open', 'pending', 'resolved')),
                    assignee_id INTEGER REFERENCES operators(id),
                    department_id INTEGER REFERENCES departments(id),
                    context_key TEXT,
                    opened_at REAL NOT NULL,
                    first_response_at REAL,
                    resolved_at REAL,
                    last_message_at REAL NOT NULL,
                    CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
                );
                CREATE INDEX conversations_identity ON conversations(identity_id, id);
                CREATE INDEX conversations_status ON conversations(status, last_message_at);
                """
        )
    }
}
