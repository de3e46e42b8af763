import GRDB

extension SQLiteMigrations {
    /// `0032_message_revisions`: operators' edits and deletions of sent replies. A reply's deletion is kept
    /// on the message (its text stays for the desk); each edit or deletion is a revision row, queued for the
    /// messenger like an outbox row (attempts, lease, next attempt) and kept afterwards with its outcome.
    /// An edit's earlier text goes to `message_edits` as a client's does, now with who edited it.
    static func migration0032MessageRevisions(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE messages ADD COLUMN deleted_at REAL;
                ALTER TABLE message_edits ADD COLUMN editor_operator_id INTEGER REFERENCES operators(id);
                CREATE INDEX message_edits_message ON message_edits(message_id, id);
                CREATE TABLE message_revisions (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    message_id INTEGER NOT NULL REFERENCES messages(id),
                    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
                    channel_id INTEGER NOT NULL REFERENCES channels(id),
                    operator_id INTEGER NOT NULL REFERENCES operators(id),
                    kind TEXT NOT NULL CHECK (kind IN ('edit', 'delete')),
                    text TEXT,
                    state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
                    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                    next_attempt_at REAL NOT NULL,
                    claimed_until REAL,
                    last_error TEXT,
                    created_at REAL NOT NULL,
                    CHECK ((kind = 'edit') = (text IS NOT NULL))
                );
                CREATE INDEX message_revisions_queued ON message_revisions(next_attempt_at) WHERE state = 'queued';
                CREATE INDEX message_revisions_message ON message_revisions(message_id, id);
                """
        )
    }
}
