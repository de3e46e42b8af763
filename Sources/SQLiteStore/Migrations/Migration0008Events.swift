import GRDB

extension SQLiteMigrations {
    /// `0008_events`: the event log; AUTOINCREMENT keeps seq monotonic even after deletes.
    static func migration0008Events(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE events (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    occurred_at REAL NOT NULL,
                    contact_id INTEGER REFERENCES contacts(id),
                    conversation_id INTEGER REFERENCES conversations(id),
                    message_id INTEGER REFERENCES messages(id),
                    payload TEXT NOT NULL DEFAULT '{}'
                );
                """
        )
    }
}
