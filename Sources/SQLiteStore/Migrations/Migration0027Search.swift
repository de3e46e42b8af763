import GRDB

extension SQLiteMigrations {
    /// `0027_search`: a full-text index of contacts (names, phones, usernames and profile names of their
    /// identities) kept current by triggers and filled from existing rows, so the inbox search finds people too.
    static func migration0027Search(_ db: Database) throws {
        // Phones are indexed as typed and as bare digits: "+380 67 123" is three words to the tokenizer.
        let digits = { (column: String) in
            "replace(replace(replace(replace(replace(replace(COALESCE(\(column), ''), ' ', ''), '-', ''), '+', ''), '(', ''), ')', ''), '.', '')"
        }
        let row = """
            SELECT ct.id,
                   ct.display_name || ' ' || COALESCE(ct.preferred_name, ''),
                   COALESCE(ct.phone, '') || ' ' || \(digits("ct.phone")) || ' ' || COALESCE((
                       SELECT group_concat(i.verified_phone || ' ' || \(digits("i.verified_phone")), ' ')
                       FROM identities i WHERE i.contact_id = ct.id AND i.verified_phone IS NOT NULL), ''),
                   COALESCE((
                       SELECT group_concat(COALESCE(i.username, '') || ' ' || COALESCE(i.profile_name, ''), ' ')
                       FROM identities i WHERE i.contact_id = ct.id), '')
            FROM contacts ct
            """
        let refresh = { (contact: String) in
            """
            DELETE FROM contacts_fts WHERE rowid = \(contact);
            INSERT INTO contacts_fts(rowid, names, phones, handles) \(row) WHERE ct.id = \(contact);
            """
        }
        try db.execute(
            sql: """
                CREATE VIRTUAL TABLE contacts_fts USING fts5(names, phones, handles, tokenize='unicode61 remove_diacritics 2');
                INSERT INTO contacts_fts(rowid, names, phones, handles) \(row);
                CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN \(refresh("new.id")) END;
                CREATE TRIGGER contacts_fts_update AFTER UPDATE OF display_name, preferred_name, phone ON contacts BEGIN
                    \(refresh("new.id"))
                END;
                CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN
                    DELETE FROM contacts_fts WHERE rowid = old.id;
                END;
                CREATE TRIGGER identities_fts_insert AFTER INSERT ON identities BEGIN \(refresh("new.contact_id")) END;
                CREATE TRIGGER identities_fts_update AFTER UPDATE OF contact_id, username, profile_name, verified_phone ON identities BEGIN
                    \(refresh("old.contact_id"))
                    \(refresh("new.contact_id"))
                END;
                CREATE TRIGGER identities_fts_delete AFTER DELETE ON identities BEGIN \(refresh("old.contact_id")) END;
                """
        )
    }
}
