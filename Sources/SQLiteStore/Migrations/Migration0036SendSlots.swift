import GRDB

extension SQLiteMigrations {
    /// `0036_send_slots`: the send buckets of each Telegram bot for instances that share them. One
    /// process on a SQLite file keeps its buckets in memory and leaves this table empty; it exists so
    /// both engines have the same tables (`copy-database` copies them all).
    static func migration0036SendSlots(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE send_slots (
                    channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
                    bucket INTEGER NOT NULL,
                    arrival REAL NOT NULL,
                    PRIMARY KEY (channel_id, bucket)
                ) WITHOUT ROWID;
                """
        )
    }
}
