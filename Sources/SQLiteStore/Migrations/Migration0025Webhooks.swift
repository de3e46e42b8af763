import GRDB

extension SQLiteMigrations {
    /// `0025_webhooks`: outgoing webhooks, their durable delivery queue and log, and the fan-out's
    /// cursor in the event log (started at the latest event, so existing history is not sent).
    static func migration0025Webhooks(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE outgoing_webhooks (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    url TEXT NOT NULL CHECK (length(url) > 0),
                    secret_ciphertext BLOB NOT NULL,
                    event_types TEXT NOT NULL,
                    description TEXT NOT NULL DEFAULT '',
                    enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
                    disabled_reason TEXT,
                    start_seq INTEGER NOT NULL,
                    created_at REAL NOT NULL
                );
                CREATE TABLE webhook_deliveries (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    webhook_id INTEGER NOT NULL REFERENCES outgoing_webhooks(id) ON DELETE CASCADE,
                    seq INTEGER NOT NULL,
                    type TEXT NOT NULL,
                    body TEXT NOT NULL,
                    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
                    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                    queued_at REAL NOT NULL,
                    next_attempt_at REAL,
                    last_attempt_at REAL,
                    last_error TEXT,
                    last_status_code INTEGER,
                    response_millis INTEGER,
                    UNIQUE (webhook_id, seq),
                    CHECK (status <> 'pending' OR next_attempt_at IS NOT NULL)
                );
                CREATE INDEX webhook_deliveries_line ON webhook_deliveries(webhook_id, status, seq);
                CREATE TABLE webhook_fan_out (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    cursor_seq INTEGER NOT NULL
                );
                INSERT INTO webhook_fan_out (id, cursor_seq) VALUES (1, (SELECT COALESCE(MAX(seq), 0) FROM events));
                """
        )
    }
}
