import GRDB

extension SQLiteMigrations {
    /// `0016_identity`: cross-channel continuity: API keys and deep-link contexts, link codes, verified phones, a
    /// message that asks for the client's phone, reversible contact merges, the "how should we address you" question,
    /// and labels.
    static func migration0016Identity(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE api_keys (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
                    key_hash TEXT NOT NULL UNIQUE,
                    created_at REAL NOT NULL,
                    revoked_at REAL
                );
                CREATE TABLE contexts (
                    key TEXT PRIMARY KEY,
                    data TEXT NOT NULL,
                    api_key_id INTEGER NOT NULL REFERENCES api_keys(id),
                    created_at REAL NOT NULL,
                    expires_at REAL NOT NULL,
                    identity_id INTEGER REFERENCES identities(id),
                    claimed_at REAL
                ) WITHOUT ROWID;
                ALTER TABLE conversations ADD COLUMN context_status TEXT CHECK (context_status IN ('pinned', 'missing', 'expired'));
                CREATE TABLE link_codes (
                    code TEXT PRIMARY KEY,
                    identity_id INTEGER NOT NULL REFERENCES identities(id),
                    created_at REAL NOT NULL,
                    expires_at REAL NOT NULL,
                    used_at REAL
                ) WITHOUT ROWID;
                CREATE INDEX link_codes_identity ON link_codes(identity_id);
                CREATE TABLE link_attempts (
                    identity_id INTEGER NOT NULL REFERENCES identities(id),
                    attempted_at REAL NOT NULL
                );
                CREATE INDEX link_attempts_identity ON link_attempts(identity_id, attempted_at);
                ALTER TABLE messages ADD COLUMN request_phone INTEGER NOT NULL DEFAULT 0 CHECK (request_phone IN (0, 1));
                ALTER TABLE identities ADD COLUMN verified_phone TEXT;
                CREATE INDEX identities_phone ON identities(verified_phone) WHERE verified_phone IS NOT NULL;
                ALTER TABLE contacts ADD COLUMN merged_into INTEGER REFERENCES contacts(id);
                ALTER TABLE contacts ADD COLUMN asking_address INTEGER NOT NULL DEFAULT 0 CHECK (asking_address IN (0, 1));
                CREATE TABLE contact_merges (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    target_id INTEGER NOT NULL REFERENCES contacts(id),
                    source_id INTEGER NOT NULL REFERENCES contacts(id),
                    operator_id INTEGER REFERENCES operators(id),
                    reason TEXT NOT NULL CHECK (reason IN ('manual', 'code', 'phone')),
                    snapshot TEXT NOT NULL,
                    merged_at REAL NOT NULL,
                    undone_at REAL
                );
                CREATE INDEX contact_merges_target ON contact_merges(target_id, id);
                CREATE TABLE contact_labels (
                    contact_id INTEGER NOT NULL REFERENCES contacts(id),
                    label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 40),
                    PRIMARY KEY (contact_id, label)
                ) WITHOUT ROWID;
                CREATE INDEX contact_labels_label ON contact_labels(label);
                CREATE TABLE conversation_labels (
                    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
                    label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 40),
                    PRIMARY KEY (conversation_id, label)
                ) WITHOUT ROWID;
                CREATE INDEX conversation_labels_label ON conversation_labels(label);
                """
        )
    }
}
