import GRDB

extension SQLiteMigrations {
    /// `0022_reviews`: supervisors' reviews of resolved conversations.
    static func migration0022Reviews(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE conversation_reviews (
                    conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id),
                    reviewer_id INTEGER NOT NULL REFERENCES operators(id),
                    operator_id INTEGER REFERENCES operators(id),
                    score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
                    comment TEXT NOT NULL CHECK (length(comment) <= 2000),
                    reviewed_at REAL NOT NULL
                );
                CREATE INDEX conversation_reviews_operator ON conversation_reviews(operator_id, reviewed_at);
                CREATE INDEX conversation_reviews_time ON conversation_reviews(reviewed_at);
                CREATE INDEX conversations_resolved ON conversations(resolved_at) WHERE resolved_at IS NOT NULL;
                """
        )
    }
}
