import GRDB

extension SQLiteMigrations {
    /// `0011_early_receipts`: a delivery receipt that arrives before our own "sent" record (Viber answers fast) waits
    /// here.
    static func migration0011EarlyReceipts(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE early_receipts (
                    channel_id INTEGER NOT NULL REFERENCES channels(id),
                    external_id TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('delivered', 'seen', 'failed')),
                    reason TEXT,
                    received_at REAL NOT NULL,
                    PRIMARY KEY (channel_id, external_id, state)
                ) WITHOUT ROWID;
                """
        )
    }
}
