extension PostgresMigrations {
    /// `0006_inbound_receipts`: one row per messenger delivery: the idempotency key of ingestion.
    static let migration0006InboundReceipts: [String] = [
        // SQLite's WITHOUT ROWID is a storage choice PostgreSQL lacks (every table is a heap); the primary key is the same.
        """
        CREATE TABLE inbound_receipts (
            channel_id BIGINT NOT NULL REFERENCES channels(id),
            delivery_key TEXT NOT NULL,
            received_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (channel_id, delivery_key)
        )
        """
    ]
}
