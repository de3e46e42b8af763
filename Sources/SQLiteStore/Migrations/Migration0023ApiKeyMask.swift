import GRDB

extension SQLiteMigrations {
    /// `0023_api_key_mask`: API keys remember their last four characters, masked, so the list can tell them apart.
    static func migration0023ApiKeyMask(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE api_keys ADD COLUMN masked_key TEXT")
    }
}
