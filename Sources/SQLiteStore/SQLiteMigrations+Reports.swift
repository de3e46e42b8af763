import GRDB

extension SQLiteMigrations {
    /// 0021: indexes the reports read by: lifecycle events per conversation and by time, messages and
    /// openings by time, feedback by when it was asked. 0022: supervisors' reviews of resolved conversations.
    static func registerReports(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("0021_reports") { db in
            try db.execute(
                sql: """
                    CREATE INDEX events_lifecycle ON events(conversation_id, seq)
                        WHERE kind IN ('conversation.status_changed', 'conversation.assigned');
                    CREATE INDEX events_lifecycle_time ON events(occurred_at, conversation_id)
                        WHERE kind IN ('conversation.status_changed', 'conversation.assigned');
                    CREATE INDEX messages_created ON messages(created_at, direction, conversation_id);
                    CREATE INDEX conversations_opened ON conversations(opened_at);
                    CREATE INDEX conversation_feedback_asked ON conversation_feedback(asked_at);
                    """
            )
        }
        migrator.registerMigration("0022_reviews") { db in
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
}
