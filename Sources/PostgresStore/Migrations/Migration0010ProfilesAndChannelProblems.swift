extension PostgresMigrations {
    /// `0010_profiles_and_channel_problems`: Viber reports a user's avatar and country; a channel whose token the
    /// messenger rejects keeps the reason.
    static let migration0010ProfilesAndChannelProblems: [String] = [
        """
        ALTER TABLE identities ADD COLUMN avatar_url TEXT
        """,
        """
        ALTER TABLE identities ADD COLUMN country TEXT
        """,
        """
        ALTER TABLE channels ADD COLUMN problem TEXT
        """,
    ]
}
