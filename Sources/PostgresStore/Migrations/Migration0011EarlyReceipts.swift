extension PostgresMigrations {
    /// `0011_early_receipts`: a delivery receipt that arrives before our own "sent" record (Viber answers fast) waits
    /// here.
    static let migration0011EarlyReceipts: [String] = [
        // SQLite's WITHOUT ROWID is a storage choice PostgreSQL lacks (every table is a heap); the primary key is the same.
        """
        CREATE TABLE early_receipts (
            channel_id BIGINT NOT NULL REFERENCES channels(id),
            external_id TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('delivered', 'seen', 'failed')),
            reason TEXT,
            received_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (channel_id, external_id, state)
        )
        """
    ]
}
