extension PostgresMigrations {
    /// `0018_channel_removal`: removed channels stay as rows (their conversations keep their history) without a token.
    static let migration0018ChannelRemoval: [String] = [
        """
        ALTER TABLE channels ADD COLUMN removed_at DOUBLE PRECISION
        """
    ]
}
