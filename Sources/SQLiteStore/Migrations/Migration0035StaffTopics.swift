import GRDB

extension SQLiteMigrations {
    /// `0035_staff_topics`: topic mode of a Telegram channel. Each conversation's topic in the staff
    /// supergroup; the durable queue of what goes into topics (mirrors, closes, reopens, notices) with
    /// its fan-out cursor over the event log; staff-group updates already handled (so a redelivery
    /// changes nothing); messages that came from a topic; operators' linked Telegram accounts and their
    /// one-time link codes.
    static func migration0035StaffTopics(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE staff_topics (
                    conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id),
                    channel_id INTEGER NOT NULL REFERENCES channels(id),
                    chat_id INTEGER NOT NULL,
                    thread_id INTEGER NOT NULL,
                    card_sent INTEGER NOT NULL DEFAULT 0 CHECK (card_sent IN (0, 1)),
                    created_at REAL NOT NULL
                );
                CREATE UNIQUE INDEX staff_topics_thread ON staff_topics(channel_id, chat_id, thread_id);
                CREATE TABLE topic_jobs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    channel_id INTEGER NOT NULL REFERENCES channels(id),
                    conversation_id INTEGER REFERENCES conversations(id),
                    thread_id INTEGER,
                    kind TEXT NOT NULL CHECK (kind IN ('mirror', 'close', 'reopen', 'notice')),
                    message_id INTEGER REFERENCES messages(id),
                    text TEXT,
                    source TEXT NOT NULL UNIQUE,
                    parts_done INTEGER NOT NULL DEFAULT 0 CHECK (parts_done >= 0),
                    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                    next_attempt_at REAL NOT NULL,
                    claimed_until REAL,
                    last_error TEXT
                );
                CREATE INDEX topic_jobs_due ON topic_jobs(next_attempt_at);
                CREATE INDEX topic_jobs_conversation ON topic_jobs(conversation_id, id);
                CREATE TABLE topic_fan_out (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    cursor_seq INTEGER NOT NULL
                );
                INSERT INTO topic_fan_out (id, cursor_seq) SELECT 1, COALESCE(MAX(seq), 0) FROM events;
                CREATE TABLE staff_updates (
                    channel_id INTEGER NOT NULL REFERENCES channels(id),
                    update_id INTEGER NOT NULL,
                    received_at REAL NOT NULL,
                    PRIMARY KEY (channel_id, update_id)
                ) WITHOUT ROWID;
                CREATE TABLE topic_messages (
                    message_id INTEGER PRIMARY KEY REFERENCES messages(id),
                    chat_id INTEGER NOT NULL,
                    topic_message_id INTEGER NOT NULL
                );
                CREATE TABLE telegram_links (
                    telegram_user_id INTEGER PRIMARY KEY,
                    operator_id INTEGER NOT NULL UNIQUE REFERENCES operators(id) ON DELETE CASCADE,
                    linked_at REAL NOT NULL
                );
                CREATE TABLE telegram_link_codes (
                    code TEXT PRIMARY KEY,
                    operator_id INTEGER NOT NULL UNIQUE REFERENCES operators(id) ON DELETE CASCADE,
                    expires_at REAL NOT NULL
                ) WITHOUT ROWID;
                """
        )
    }
}
