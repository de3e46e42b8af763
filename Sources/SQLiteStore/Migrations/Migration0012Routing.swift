import GRDB

extension SQLiteMigrations {
    /// `0012_routing`: routing: presence (with its log), per-department assignment settings, the queue and escalation
    /// on conversations, sentiment tags on messages, and the desk-wide routing settings.
    static func migration0012Routing(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE operators ADD COLUMN last_seen_at REAL;
                ALTER TABLE operators ADD COLUMN last_turn INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE presence_log (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    operator_id INTEGER NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
                    status TEXT NOT NULL CHECK (status IN ('online', 'away', 'offline')),
                    at REAL NOT NULL,
                    reason TEXT NOT NULL CHECK (reason IN ('manual', 'timeout'))
                );
                CREATE INDEX presence_log_operator ON presence_log(operator_id, at);
                ALTER TABLE departments ADD COLUMN strategy TEXT NOT NULL DEFAULT 'least_loaded'
                    CHECK (strategy IN ('round_robin', 'least_loaded'));
                ALTER TABLE departments ADD COLUMN sticky INTEGER NOT NULL DEFAULT 1 CHECK (sticky IN (0, 1));
                ALTER TABLE channels ADD COLUMN ask_department INTEGER NOT NULL DEFAULT 0 CHECK (ask_department IN (0, 1));
                ALTER TABLE conversations ADD COLUMN queued_at REAL;
                ALTER TABLE conversations ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE conversations ADD COLUMN escalated_at REAL;
                ALTER TABLE conversations ADD COLUMN positive_count INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE conversations ADD COLUMN negative_count INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX conversations_queue ON conversations(priority DESC, queued_at, id)
                    WHERE status = 'open' AND assignee_id IS NULL;
                CREATE INDEX conversations_assignee ON conversations(assignee_id, status);
                ALTER TABLE messages ADD COLUMN sentiment TEXT CHECK (sentiment IN ('positive', 'negative'));
                CREATE TABLE routing_settings (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    strategy TEXT NOT NULL CHECK (strategy IN ('round_robin', 'least_loaded')),
                    sticky INTEGER NOT NULL CHECK (sticky IN (0, 1)),
                    escalation_words TEXT NOT NULL
                );
                UPDATE conversations SET queued_at = last_message_at WHERE status = 'open' AND assignee_id IS NULL;
                """
        )
    }
}
