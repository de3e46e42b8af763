import GRDB

extension SQLiteMigrations {
    /// `0014_automation`: automation: settings and texts per scope (0 = global, else a channel), the event cursor,
    /// sent-once automatic messages, buttons of outbound messages, durable timers, automatic closes and the
    /// in-messenger feedback of conversations.
    static func migration0014Automation(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE automation_settings (
                    scope INTEGER PRIMARY KEY,
                    patch TEXT NOT NULL,
                    updated_at REAL NOT NULL
                );
                CREATE TABLE automation_texts (
                    scope INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    language TEXT NOT NULL CHECK (language IN ('ru', 'uk', 'en')),
                    text TEXT NOT NULL CHECK (length(text) > 0),
                    PRIMARY KEY (scope, kind, language)
                ) WITHOUT ROWID;
                CREATE TABLE automation_cursor (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    seq INTEGER NOT NULL
                );
                CREATE TABLE automation_sent (
                    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
                    trigger TEXT NOT NULL,
                    message_id INTEGER NOT NULL REFERENCES messages(id),
                    sent_at REAL NOT NULL,
                    PRIMARY KEY (conversation_id, trigger)
                ) WITHOUT ROWID;
                CREATE TABLE message_buttons (
                    message_id INTEGER PRIMARY KEY REFERENCES messages(id),
                    buttons TEXT NOT NULL
                );
                CREATE TABLE scheduled_timers (
                    key TEXT PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('auto_close')),
                    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
                    due_at REAL NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX scheduled_timers_due ON scheduled_timers(due_at);
                CREATE TABLE automatic_closes (
                    conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id),
                    reopens INTEGER NOT NULL CHECK (reopens IN (0, 1)),
                    closed_at REAL NOT NULL
                );
                CREATE TABLE conversation_feedback (
                    conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id),
                    stage TEXT NOT NULL CHECK (stage IN ('asked_resolved', 'asked_score', 'asked_comment', 'done', 'skipped')),
                    resolved INTEGER CHECK (resolved IN (0, 1)),
                    score INTEGER CHECK (score BETWEEN 1 AND 5),
                    comment TEXT,
                    asked_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                );
                """
        )
    }
}
