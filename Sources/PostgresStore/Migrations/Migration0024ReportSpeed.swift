extension PostgresMigrations {
    /// `0024_report_speed`: the two indexes the reports' replay walks per conversation now hold every column it reads,
    /// so a year of history is read from the indexes alone instead of looking up each message and event row (a third of
    /// the replay's time). Same names and leading columns: the inbox's reads by conversation use them as before, and
    /// inserts still maintain one index each. In PostgreSQL an index entry is limited to about 2.7 kB, which the
    /// small payloads of the two lifecycle event kinds stay far below.
    static let migration0024ReportSpeed: [String] = [
        """
        DROP INDEX messages_conversation
        """,
        """
        CREATE INDEX messages_conversation ON messages(conversation_id, id, created_at, direction, author_operator_id)
        """,
        """
        DROP INDEX events_lifecycle
        """,
        """
        CREATE INDEX events_lifecycle ON events(conversation_id, seq, occurred_at, kind, payload)
            WHERE kind IN ('conversation.status_changed', 'conversation.assigned')
        """,
    ]
}
