extension PostgresMigrations {
    /// `0026_api_key_scopes`: API keys get scopes (existing keys keep `contexts:write`, all they could do), a bot
    /// name for the messages they post, and a per-minute limit; messages remember the key that posted them; the
    /// audit log accepts API keys as actors. Where SQLite copies the table to change the CHECK, PostgreSQL replaces
    /// the constraint in place: same columns, rows, identity and `audit_log_actor` index.
    static let migration0026ApiKeyScopes: [String] = [
        """
        ALTER TABLE api_keys ADD COLUMN scopes TEXT NOT NULL DEFAULT 'contexts:write' CHECK (length(scopes) > 0)
        """,
        """
        ALTER TABLE api_keys ADD COLUMN bot_name TEXT
        """,
        """
        ALTER TABLE api_keys ADD COLUMN rate_per_minute BIGINT CHECK (rate_per_minute IS NULL OR rate_per_minute > 0)
        """,
        """
        ALTER TABLE messages ADD COLUMN api_key_id BIGINT REFERENCES api_keys(id)
        """,
        """
        ALTER TABLE audit_log
            DROP CONSTRAINT audit_log_actor_kind_check,
            ADD CONSTRAINT audit_log_actor_kind_check CHECK (actor_kind IN ('operator', 'cli', 'manifest', 'system', 'api_key'))
        """,
    ]
}
