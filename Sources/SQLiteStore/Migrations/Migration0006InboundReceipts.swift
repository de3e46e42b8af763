import GRDB

extension SQLiteMigrations {
    /// `0006_inbound_receipts`: one row per messenger delivery: the idempotency key of ingestion.
    static func migration0006InboundReceipts(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE inbound_receipts (
                    channel_id INTEGER NOT NULL REFERENCES channels(id),
                    delivery_key TEXT NOT NULL,
                    received_at REAL NOT NULL,
                    PRIMARY KEY (channel_id, delivery_key)
                ) WITHOUT ROWID;
                """
        )
    }
}
