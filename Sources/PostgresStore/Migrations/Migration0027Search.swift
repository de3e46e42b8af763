extension PostgresMigrations {
    /// `0027_search`: a full-text index of contacts (names, phones, usernames and profile names of their
    /// identities) kept current by triggers and filled from existing rows, so the inbox search finds people too.
    ///
    /// PostgreSQL has no FTS5: `contacts_fts` is a plain table keyed by the contact id (FTS5's rowid) with the same
    /// three columns and their `tsvector` under a GIN index. One function rebuilds a contact's row as SQLite's
    /// triggers do; a contact's deletion takes its row through the foreign key. The `simple` configuration lowercases
    /// like `unicode61` but does not fold diacritics (`unaccent` may not be installed).
    static let migration0027Search: [String] = [
        // Punctuation becomes spaces first, so the parser indexes unicode61's units, runs of letters and digits
        // (it would keep `+380` or `-45.67` of a typed phone whole).
        """
        CREATE TABLE contacts_fts (
            contact_id BIGINT PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
            names TEXT NOT NULL,
            phones TEXT NOT NULL,
            handles TEXT NOT NULL,
            document tsvector GENERATED ALWAYS AS (
                to_tsvector('simple', regexp_replace(names || ' ' || phones || ' ' || handles, '[[:punct:]]+', ' ', 'g'))
            ) STORED
        )
        """,
        """
        CREATE INDEX contacts_fts_document ON contacts_fts USING GIN (document)
        """,
        // Phones are indexed as typed and as bare digits: "+380 67 123" is three words to the parser. translate()
        // drops the same six characters as SQLite's nested replace() calls.
        """
        INSERT INTO contacts_fts (contact_id, names, phones, handles)
        SELECT ct.id,
               ct.display_name || ' ' || COALESCE(ct.preferred_name, ''),
               COALESCE(ct.phone, '') || ' ' || translate(COALESCE(ct.phone, ''), ' -+().', '') || ' ' || COALESCE((
                   SELECT string_agg(i.verified_phone || ' ' || translate(COALESCE(i.verified_phone, ''), ' -+().', ''), ' ')
                   FROM identities i WHERE i.contact_id = ct.id AND i.verified_phone IS NOT NULL), ''),
               COALESCE((
                   SELECT string_agg(COALESCE(i.username, '') || ' ' || COALESCE(i.profile_name, ''), ' ')
                   FROM identities i WHERE i.contact_id = ct.id), '')
        FROM contacts ct
        """,
        """
        CREATE FUNCTION contacts_fts_refresh(refreshed_id BIGINT) RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM contacts_fts WHERE contact_id = refreshed_id;
            INSERT INTO contacts_fts (contact_id, names, phones, handles)
            SELECT ct.id,
                   ct.display_name || ' ' || COALESCE(ct.preferred_name, ''),
                   COALESCE(ct.phone, '') || ' ' || translate(COALESCE(ct.phone, ''), ' -+().', '') || ' ' || COALESCE((
                       SELECT string_agg(i.verified_phone || ' ' || translate(COALESCE(i.verified_phone, ''), ' -+().', ''), ' ')
                       FROM identities i WHERE i.contact_id = ct.id AND i.verified_phone IS NOT NULL), ''),
                   COALESCE((
                       SELECT string_agg(COALESCE(i.username, '') || ' ' || COALESCE(i.profile_name, ''), ' ')
                       FROM identities i WHERE i.contact_id = ct.id), '')
            FROM contacts ct
            WHERE ct.id = refreshed_id;
        END
        $$
        """,
        """
        CREATE FUNCTION contacts_fts_contact_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM contacts_fts_refresh(NEW.id);
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts
            FOR EACH ROW EXECUTE FUNCTION contacts_fts_contact_changed()
        """,
        """
        CREATE TRIGGER contacts_fts_update AFTER UPDATE OF display_name, preferred_name, phone ON contacts
            FOR EACH ROW EXECUTE FUNCTION contacts_fts_contact_changed()
        """,
        """
        CREATE FUNCTION contacts_fts_identity_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                PERFORM contacts_fts_refresh(OLD.contact_id);
            END IF;
            IF TG_OP <> 'DELETE' THEN
                PERFORM contacts_fts_refresh(NEW.contact_id);
            END IF;
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE TRIGGER identities_fts_insert AFTER INSERT ON identities
            FOR EACH ROW EXECUTE FUNCTION contacts_fts_identity_changed()
        """,
        """
        CREATE TRIGGER identities_fts_update AFTER UPDATE OF contact_id, username, profile_name, verified_phone ON identities
            FOR EACH ROW EXECUTE FUNCTION contacts_fts_identity_changed()
        """,
        """
        CREATE TRIGGER identities_fts_delete AFTER DELETE ON identities
            FOR EACH ROW EXECUTE FUNCTION contacts_fts_identity_changed()
        """,
    ]
}
