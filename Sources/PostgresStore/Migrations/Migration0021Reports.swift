extension PostgresMigrations {
    /// `0021_reports`: indexes the reports read by: lifecycle events per conversation and by time, messages and
    /// openings by time, feedback by when it was asked.
    static let migration0021Reports: [String] = [
        """
        CREATE INDEX events_lifecycle ON events(conversation_id, seq)
            WHERE kind IN ('conversation.status_changed', 'conversation.assigned')
        """,
        """
        CREATE INDEX events_lifecycle_time ON events(occurred_at, conversation_id)
            WHERE kind IN ('conversation.status_changed', 'conversation.assigned')
        """,
        """
        CREATE INDEX messages_created ON messages(created_at, direction, conversation_id)
        """,
        """
        CREATE INDEX conversations_opened ON conversations(opened_at)
        """,
        """
        CREATE INDEX conversation_feedback_asked ON conversation_feedback(asked_at)
        """,
    ]
}
