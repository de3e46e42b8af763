extension PostgresMigrations {
    /// `0020_operator_admin`: deactivation time of operators, and sessions indexed by operator so deactivation and
    /// password resets revoke them at once.
    static let migration0020OperatorAdmin: [String] = [
        """
        ALTER TABLE operators ADD COLUMN deactivated_at DOUBLE PRECISION
        """,
        """
        CREATE INDEX sessions_operator ON sessions(operator_id)
        """,
    ]
}
