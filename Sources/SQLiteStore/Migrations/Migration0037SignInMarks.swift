import GRDB

extension SQLiteMigrations {
    /// `0037_sign_in_marks`: the sign-in throttle's counted attempts, one row per attempt and key
    /// (a login from an address, an address, a login, a login's attempts let through past its
    /// ceiling), so every instance on one database shares the limits. Rows older than the window
    /// are deleted by the throttle's own writes, which the index on `marked_at` keeps cheap.
    static func migration0037SignInMarks(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE sign_in_marks (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('pair', 'address', 'login', 'spaced')),
                    login TEXT NOT NULL,
                    address TEXT NOT NULL,
                    marked_at REAL NOT NULL
                );
                CREATE INDEX sign_in_marks_key ON sign_in_marks(kind, login, address, marked_at);
                CREATE INDEX sign_in_marks_at ON sign_in_marks(marked_at);
                """
        )
    }
}
