import GRDB

extension SQLiteMigrations {
    /// `0018_channel_removal`: removed channels stay as rows (their conversations keep their history) without a token.
    static func migration0018ChannelRemoval(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE channels ADD COLUMN removed_at REAL")
    }
}
