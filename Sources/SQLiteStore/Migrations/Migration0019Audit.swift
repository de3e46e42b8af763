import GRDB

extension SQLiteMigrations {
    /// `0019_audit`: the audit log: who changed which admin setting when, from what to what (never a secret).
    static func migration0019Audit(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE audit_log (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at REAL NOT NULL,
                    actor_kind TEXT NOT NULL CHECK (actor_kind IN ('operator', 'cli', 'manifest', 'system')),
                    actor_id INTEGER,
                    actor_name TEXT NOT NULL,
                    action TEXT NOT NULL CHECK (length(action) > 0),
                    target TEXT NOT NULL,
                    changes TEXT NOT NULL DEFAULT '{}'
                );
                CREATE INDEX audit_log_actor ON audit_log(actor_id, id);
                """
        )
    }
}
