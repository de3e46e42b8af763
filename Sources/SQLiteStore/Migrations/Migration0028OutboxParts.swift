import GRDB

extension SQLiteMigrations {
    /// `0028_outbox_parts`: the parts of a multi-part reply the messenger already accepted, so a retry sends only the
    /// rest; they go with their outbox row.
    static func migration0028OutboxParts(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE outbox_parts (
                    message_id INTEGER NOT NULL REFERENCES outbox(message_id) ON DELETE CASCADE,
                    part_index INTEGER NOT NULL CHECK (part_index >= 0),
                    external_id TEXT NOT NULL,
                    PRIMARY KEY (message_id, part_index)
                ) WITHOUT ROWID;
                """
        )
    }
}
