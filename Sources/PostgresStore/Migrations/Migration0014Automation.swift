extension PostgresMigrations {
    /// `0014_automation`: automation: settings and texts per scope (0 = global, else a channel), the event cursor,
    /// sent-once automatic messages, buttons of outbound messages, durable timers, automatic closes and the
    /// in-messenger feedback of conversations. Keys that are a scope, a fixed 1 or another row's id are always given,
    /// so they are plain `BIGINT PRIMARY KEY`s rather than identities.
    static let migration0014Automation: [String] = [
        """
        CREATE TABLE automation_settings (
            scope BIGINT PRIMARY KEY,
            patch TEXT NOT NULL,
            updated_at DOUBLE PRECISION NOT NULL
        )
        """,
        // SQLite's WITHOUT ROWID is a storage choice PostgreSQL lacks (every table is a heap); the primary key is the same.
        """
        CREATE TABLE automation_texts (
            scope BIGINT NOT NULL,
            kind TEXT NOT NULL,
            language TEXT NOT NULL CHECK (language IN ('ru', 'uk', 'en')),
            text TEXT NOT NULL CHECK (length(text) > 0),
            PRIMARY KEY (scope, kind, language)
        )
        """,
        """
        CREATE TABLE automation_cursor (
            id BIGINT PRIMARY KEY CHECK (id = 1),
            seq BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE automation_sent (
            conversation_id BIGINT NOT NULL REFERENCES conversations(id),
            trigger TEXT NOT NULL,
            message_id BIGINT NOT NULL REFERENCES messages(id),
            sent_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (conversation_id, trigger)
        )
        """,
        """
        CREATE TABLE message_buttons (
            message_id BIGINT PRIMARY KEY REFERENCES messages(id),
            buttons TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE scheduled_timers (
            key TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('auto_close')),
            conversation_id BIGINT NOT NULL REFERENCES conversations(id),
            due_at DOUBLE PRECISION NOT NULL
        )
        """,
        """
        CREATE INDEX scheduled_timers_due ON scheduled_timers(due_at)
        """,
        """
        CREATE TABLE automatic_closes (
            conversation_id BIGINT PRIMARY KEY REFERENCES conversations(id),
            reopens BIGINT NOT NULL CHECK (reopens IN (0, 1)),
            closed_at DOUBLE PRECISION NOT NULL
        )
        """,
        """
        CREATE TABLE conversation_feedback (
            conversation_id BIGINT PRIMARY KEY REFERENCES conversations(id),
            stage TEXT NOT NULL CHECK (stage IN ('asked_resolved', 'asked_score', 'asked_comment', 'done', 'skipped')),
            resolved BIGINT CHECK (resolved IN (0, 1)),
            score BIGINT CHECK (score BETWEEN 1 AND 5),
            comment TEXT,
            asked_at DOUBLE PRECISION NOT NULL,
            updated_at DOUBLE PRECISION NOT NULL
        )
        """,
    ]
}
