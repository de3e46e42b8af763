import GRDB

extension SQLiteMigrations {
    /// 0019: the audit log: who changed which admin setting when, from what to what (never a secret);
    /// 0020: deactivation time of operators, and sessions indexed by operator so deactivation and
    /// password resets revoke them at once.
    static func registerAdmin(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("0019_audit") { db in
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
        migrator.registerMigration("0020_operator_admin") { db in
            try db.execute(
                sql: """
                    ALTER TABLE operators ADD COLUMN deactivated_at REAL;
                    CREATE INDEX sessions_operator ON sessions(operator_id);
                    """
            )
        }
    }
}
