import GRDB

extension SQLiteMigrations {
    /// `0002_operators`: operators; password hashes are bcrypt, written by the accounts feature.
    static func migration0002Operators(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE operators (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    login TEXT NOT NULL UNIQUE CHECK (length(login) > 0),
                    password_hash TEXT NOT NULL DEFAULT '',
                    display_name TEXT NOT NULL,
                    avatar_url TEXT,
                    role TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'operator')),
                    status TEXT NOT NULL DEFAULT 'offline' CHECK (status IN ('online', 'away', 'offline')),
                    max_concurrent INTEGER NOT NULL DEFAULT 5 CHECK (max_concurrent > 0),
                    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                    created_at REAL NOT NULL
                );
                CREATE TABLE operator_departments (
                    operator_id INTEGER NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
                    department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
                    PRIMARY KEY (operator_id, department_id)
                );
                """
        )
    }
}
