import GRDB

extension SQLiteMigrations {
    /// `0020_operator_admin`: deactivation time of operators, and sessions indexed by operator so deactivation and
    /// password resets revoke them at once.
    static func migration0020OperatorAdmin(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE operators ADD COLUMN deactivated_at REAL;
                CREATE INDEX sessions_operator ON sessions(operator_id);
                """
        )
    }
}
