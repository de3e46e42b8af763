extension PostgresMigrations {
    /// `0028_outbox_parts`: the parts of a multi-part reply the messenger already accepted, so a retry sends only the
    /// rest; they go with their outbox row.
    static let migration0028OutboxParts: [String] = [
        // SQLite's WITHOUT ROWID is a storage choice PostgreSQL lacks (every table is a heap); the primary key is the same.
        """
        CREATE TABLE outbox_parts (
            message_id BIGINT NOT NULL REFERENCES outbox(message_id) ON DELETE CASCADE,
            part_index BIGINT NOT NULL CHECK (part_index >= 0),
            external_id TEXT NOT NULL,
            PRIMARY KEY (message_id, part_index)
        )
        """
    ]
}
