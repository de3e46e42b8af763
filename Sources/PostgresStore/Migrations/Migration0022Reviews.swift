extension PostgresMigrations {
    /// `0022_reviews`: supervisors' reviews of resolved conversations, keyed by the conversation's id (always given,
    /// so a plain `BIGINT PRIMARY KEY` rather than an identity).
    static let migration0022Reviews: [String] = [
        """
        CREATE TABLE conversation_reviews (
            conversation_id BIGINT PRIMARY KEY REFERENCES conversations(id),
            reviewer_id BIGINT NOT NULL REFERENCES operators(id),
            operator_id BIGINT REFERENCES operators(id),
            score BIGINT NOT NULL CHECK (score BETWEEN 1 AND 5),
            comment TEXT NOT NULL CHECK (length(comment) <= 2000),
            reviewed_at DOUBLE PRECISION NOT NULL
        )
        """,
        """
        CREATE INDEX conversation_reviews_operator ON conversation_reviews(operator_id, reviewed_at)
        """,
        """
        CREATE INDEX conversation_reviews_time ON conversation_reviews(reviewed_at)
        """,
        """
        CREATE INDEX conversations_resolved ON conversations(resolved_at) WHERE resolved_at IS NOT NULL
        """,
    ]
}
