extension PostgresMigrations {
    /// `0031_message_albums`: the messenger album a client message stands for (Telegram `media_group_id`), so each
    /// later item of the album finds that message and joins it instead of becoming a message of its own.
    static let migration0031MessageAlbums: [String] = [
        """
        ALTER TABLE messages ADD COLUMN album_key TEXT
        """,
        """
        CREATE UNIQUE INDEX messages_album ON messages(channel_id, album_key) WHERE album_key IS NOT NULL
        """,
    ]
}
