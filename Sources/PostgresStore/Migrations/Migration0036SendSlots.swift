extension PostgresMigrations {
    /// `0036_send_slots`: the send buckets of each Telegram bot, shared by every instance so that
    /// together they keep to Telegram's flood limits: per bucket (a chat, or 0 for the bot itself) the
    /// theoretical arrival time of its next send, in seconds since 1970 on the database's clock.
    static let migration0036SendSlots: [String] = [
        """
        CREATE TABLE send_slots (
            channel_id BIGINT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
            bucket BIGINT NOT NULL,
            arrival DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (channel_id, bucket)
        )
        """
    ]
}
