extension PostgresMigrations {
    /// `0007_outbox`: the outbox: a reply is committed here before any network call. The key is the message's id,
    /// always given, so it is a plain `BIGINT PRIMARY KEY`, not an identity.
    static let migration0007Outbox: [String] = [
        """
        CREATE TABLE outbox (
            message_id BIGINT PRIMARY KEY REFERENCES messages(id),
            conversation_id BIGINT NOT NULL REFERENCES conversations(id),
            channel_id BIGINT NOT NULL REFERENCES channels(id),
            attempts BIGINT NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            next_attempt_at DOUBLE PRECISION NOT NULL,
            claimed_until DOUBLE PRECISION,
            last_error TEXT
        )
        """,
        """
        CREATE INDEX outbox_due ON outbox(next_attempt_at)
        """,
        """
        CREATE INDEX outbox_conversation ON outbox(conversation_id, message_id)
        """,
    ]
}
