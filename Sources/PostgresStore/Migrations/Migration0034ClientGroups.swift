extension PostgresMigrations {
    /// `0034_client_groups`: the group member who wrote a client message (the client is the group), and
    /// a channel's choice to treat every group message as addressed to the bot.
    static let migration0034ClientGroups: [String] = [
        """
        ALTER TABLE messages ADD COLUMN member_external_id TEXT
        """,
        """
        ALTER TABLE messages ADD COLUMN member_name TEXT
        """,
        """
        ALTER TABLE messages ADD COLUMN member_username TEXT
        """,
        """
        ALTER TABLE channels ADD COLUMN answers_every_group_message BIGINT NOT NULL DEFAULT 0
        """,
    ]
}
