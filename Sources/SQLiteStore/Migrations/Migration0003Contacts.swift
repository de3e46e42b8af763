import GRDB

extension SQLiteMigrations {
    /// `0003_contacts`: contacts and their messenger identities; (channel, external id) identifies a user.
    static func migration0003Contacts(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE contacts (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    display_name TEXT NOT NULL,
                    preferred_name TEXT,
                    phone TEXT,
                    language TEXT,
                    notes TEXT NOT NULL DEFAULT '',
                    created_at REAL NOT NULL
                );
                CREATE TABLE identities (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    contact_id INTEGER NOT NULL REFERENCES contacts(id),
                    channel_id INTEGER NOT NULL REFERENCES channels(id),
                    external_id TEXT NOT NULL CHECK (length(external_id) > 0),
                    username TEXT,
                    profile_name TEXT,
                    language TEXT,
                    reachable INTEGER NOT NULL DEFAULT 1 CHECK (reachable IN (0, 1)),
                    pending_context_key TEXT,
                    created_at REAL NOT NULL,
                    UNIQUE (channel_id, external_id)
                );
                CREATE INDEX identities_contact ON identities(contact_id);
                """
        )
    }
}
