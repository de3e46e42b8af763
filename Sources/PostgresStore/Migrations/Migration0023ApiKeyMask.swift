extension PostgresMigrations {
    /// `0023_api_key_mask`: API keys remember their last four characters, masked, so the list can tell them apart.
    static let migration0023ApiKeyMask: [String] = [
        """
        ALTER TABLE api_keys ADD COLUMN masked_key TEXT
        """
    ]
}
