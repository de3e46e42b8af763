extension PostgresMigrations {
    /// `0033_ban_and_flood`: a contact's ban (who, when, why), flood control's count per identity, and the
    /// hold of a client message stored without the usual handling (banned contact or muted identity). The
    /// report indexes are rebuilt with the hold, so reports that skip held messages still read only the index.
    static let migration0033BanAndFlood: [String] = [
        """
        ALTER TABLE contacts ADD COLUMN banned_at DOUBLE PRECISION
        """,
        """
        ALTER TABLE contacts ADD COLUMN ban_reason TEXT
        """,
        """
        ALTER TABLE contacts ADD COLUMN banned_by TEXT
        """,
        """
        ALTER TABLE identities ADD COLUMN flood_window_start DOUBLE PRECISION
        """,
        """
        ALTER TABLE identities ADD COLUMN flood_count BIGINT NOT NULL DEFAULT 0
        """,
        """
        ALTER TABLE identities ADD COLUMN flood_muted_until DOUBLE PRECISION
        """,
        """
        ALTER TABLE messages ADD COLUMN hold TEXT CHECK (hold IN ('banned', 'flood'))
        """,
        """
        DROP INDEX messages_created
        """,
        """
        CREATE INDEX messages_created ON messages(created_at, direction, conversation_id, hold)
        """,
        """
        DROP INDEX messages_conversation
        """,
        """
        CREATE INDEX messages_conversation ON messages(conversation_id, id, created_at, direction, author_operator_id, hold)
        """,
    ]
}
