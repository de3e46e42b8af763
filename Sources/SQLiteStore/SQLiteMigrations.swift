import GRDB

/// The SQLite schema, as an append-only list of numbered migrations. Never edit a shipped one.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        // 0001: channels; the token is stored encrypted, and only by the admin features.
        migrator.registerMigration("0001_channels") { db in
            try db.execute(
                sql: """
                    CREATE TABLE departments (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        name TEXT NOT NULL UNIQUE CHECK (length(name) > 0)
                    );
                    CREATE TABLE channels (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        kind TEXT NOT NULL CHECK (kind IN ('telegram', 'viber')),
                        name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
                        mode TEXT NOT NULL CHECK (mode IN ('poll', 'webhook')),
                        token_ciphertext BLOB,
                        webhook_secret TEXT,
                        settings TEXT NOT NULL DEFAULT '{}',
                        persona_name TEXT NOT NULL,
                        persona_avatar_url TEXT,
                        default_department_id INTEGER REFERENCES departments(id) ON DELETE SET NULL,
                        paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
                        created_at REAL NOT NULL
                    );
                    """
            )
        }
        // 0002: operators; password hashes are bcrypt, written by the accounts feature.
        migrator.registerMigration("0002_operators") { db in
            try db.execute(
                sql: """
                    CREATE TABLE operators (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        login TEXT NOT NULL UNIQUE CHECK (length(login) > 0),
                        password_hash TEXT NOT NULL DEFAULT '',
                        display_name TEXT NOT NULL,
                        avatar_url TEXT,
                        role TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'operator')),
                        status TEXT NOT NULL DEFAULT 'offline' CHECK (status IN ('online', 'away', 'offline')),
                        max_concurrent INTEGER NOT NULL DEFAULT 5 CHECK (max_concurrent > 0),
                        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                        created_at REAL NOT NULL
                    );
                    CREATE TABLE operator_departments (
                        operator_id INTEGER NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
                        department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
                        PRIMARY KEY (operator_id, department_id)
                    );
                    """
            )
        }
        // 0003: contacts and their messenger identities; (channel, external id) identifies a user.
        migrator.registerMigration("0003_contacts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE contacts (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        display_name TEXT NOT NULL,
                        preferred_name TEXT,
                        phone TEXT,
                        language TEXT,
                        notes TEXT NOT NULL DEFAULT '',
                        created_at REAL NOT NULL
                    );
                    CREATE TABLE identities (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        contact_id INTEGER NOT NULL REFERENCES contacts(id),
                        channel_id INTEGER NOT NULL REFERENCES channels(id),
                        external_id TEXT NOT NULL CHECK (length(external_id) > 0),
                        username TEXT,
                        profile_name TEXT,
                        language TEXT,
                        reachable INTEGER NOT NULL DEFAULT 1 CHECK (reachable IN (0, 1)),
                        pending_context_key TEXT,
                        created_at REAL NOT NULL,
                        UNIQUE (channel_id, external_id)
                    );
                    CREATE INDEX identities_contact ON identities(contact_id);
                    """
            )
        }
        // 0004: conversations with their lifecycle timestamps (analytics reads them).
        migrator.registerMigration("0004_conversations") { db in
            try db.execute(
                sql: """
                    CREATE TABLE conversations (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        contact_id INTEGER NOT NULL REFERENCES contacts(id),
                        channel_id INTEGER NOT NULL REFERENCES channels(id),
                        identity_id INTEGER NOT NULL REFERENCES identities(id),
                        status TEXT NOT NULL CHECK (status IN ('open', 'pending', 'resolved')),
                        assignee_id INTEGER REFERENCES operators(id),
                        department_id INTEGER REFERENCES departments(id),
                        context_key TEXT,
                        opened_at REAL NOT NULL,
                        first_response_at REAL,
                        resolved_at REAL,
                        last_message_at REAL NOT NULL,
                        CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
                    );
                    CREATE INDEX conversations_identity ON conversations(identity_id, id);
                    CREATE INDEX conversations_status ON conversations(status, last_message_at);
                    """
            )
        }
        // 0005: messages; (channel, external id) is unique so a redelivered message never doubles.
        migrator.registerMigration("0005_messages") { db in
            try db.execute(
                sql: """
                    CREATE TABLE messages (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        conversation_id INTEGER NOT NULL REFERENCES conversations(id),
                        channel_id INTEGER NOT NULL REFERENCES channels(id),
                        direction TEXT NOT NULL CHECK (direction IN ('in', 'out', 'note')),
                        author_kind TEXT NOT NULL CHECK (author_kind IN ('client', 'operator', 'bot', 'system')),
                        author_operator_id INTEGER REFERENCES operators(id),
                        text TEXT NOT NULL DEFAULT '',
                        attachments TEXT NOT NULL DEFAULT '[]',
                        external_id TEXT,
                        delivery_state TEXT CHECK (delivery_state IN ('queued', 'sent', 'delivered', 'seen', 'failed')),
                        failure_reason TEXT,
                        created_at REAL NOT NULL,
                        edited_at REAL,
                        CHECK ((direction = 'out') = (delivery_state IS NOT NULL)),
                        CHECK ((author_kind = 'operator') = (author_operator_id IS NOT NULL))
                    );
                    CREATE UNIQUE INDEX messages_external ON messages(channel_id, external_id) WHERE external_id IS NOT NULL;
                    CREATE INDEX messages_conversation ON messages(conversation_id, id);
                    CREATE TABLE message_edits (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                        previous_text TEXT NOT NULL,
                        edited_at REAL NOT NULL
                    );
                    """
            )
        }
        // 0006: one row per messenger delivery: the idempotency key of ingestion.
        migrator.registerMigration("0006_inbound_receipts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE inbound_receipts (
                        channel_id INTEGER NOT NULL REFERENCES channels(id),
                        delivery_key TEXT NOT NULL,
                        received_at REAL NOT NULL,
                        PRIMARY KEY (channel_id, delivery_key)
                    ) WITHOUT ROWID;
                    """
            )
        }
        // 0007: the outbox: a reply is committed here before any network call.
        migrator.registerMigration("0007_outbox") { db in
            try db.execute(
                sql: """
                    CREATE TABLE outbox (
                        message_id INTEGER PRIMARY KEY REFERENCES messages(id),
                        conversation_id INTEGER NOT NULL REFERENCES conversations(id),
                        channel_id INTEGER NOT NULL REFERENCES channels(id),
                        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                        next_attempt_at REAL NOT NULL,
                        claimed_until REAL,
                        last_error TEXT
                    );
                    CREATE INDEX outbox_due ON outbox(next_attempt_at);
                    CREATE INDEX outbox_conversation ON outbox(conversation_id, message_id);
                    """
            )
        }
        // 0008: the event log; AUTOINCREMENT keeps seq monotonic even after deletes.
        migrator.registerMigration("0008_events") { db in
            try db.execute(
                sql: """
                    CREATE TABLE events (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        kind TEXT NOT NULL,
                        occurred_at REAL NOT NULL,
                        contact_id INTEGER REFERENCES contacts(id),
                        conversation_id INTEGER REFERENCES conversations(id),
                        message_id INTEGER REFERENCES messages(id),
                        payload TEXT NOT NULL DEFAULT '{}'
                    );
                    """
            )
        }
        // 0009: the inbox: sessions, canned replies, full-text search, and the "client wrote last" flag.
        migrator.registerMigration("0009_inbox") { db in
            try db.execute(
                sql: """
                    CREATE TABLE sessions (
                        token_hash TEXT PRIMARY KEY,
                        operator_id INTEGER NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
                        csrf_token TEXT NOT NULL,
                        created_at REAL NOT NULL,
                        expires_at REAL NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE canned_replies (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        owner_id INTEGER REFERENCES operators(id) ON DELETE CASCADE,
                        shortcut TEXT NOT NULL CHECK (length(shortcut) > 0),
                        title TEXT NOT NULL,
                        body TEXT NOT NULL CHECK (length(body) > 0),
                        created_at REAL NOT NULL
                    );
                    CREATE UNIQUE INDEX canned_replies_shortcut ON canned_replies(COALESCE(owner_id, 0), shortcut);
                    ALTER TABLE conversations ADD COLUMN awaiting_reply INTEGER NOT NULL DEFAULT 0 CHECK (awaiting_reply IN (0, 1));
                    CREATE INDEX conversations_list ON conversations(last_message_at DESC, id DESC);
                    CREATE INDEX conversations_contact ON conversations(contact_id, id);
                    CREATE VIRTUAL TABLE messages_fts USING fts5(
                        text, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
                    );
                    INSERT INTO messages_fts(rowid, text) SELECT id, text FROM messages;
                    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
                        INSERT INTO messages_fts(rowid, text) VALUES (new.id, new.text);
                    END;
                    CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
                        INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
                        INSERT INTO messages_fts(rowid, text) VALUES (new.id, new.text);
                    END;
                    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
                        INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
                    END;
                    """
            )
        }
        // 0010: Viber reports a user's avatar and country; a channel whose token the messenger rejects keeps the reason.
        migrator.registerMigration("0010_profiles_and_channel_problems") { db in
            try db.execute(
                sql: """
                    ALTER TABLE identities ADD COLUMN avatar_url TEXT;
                    ALTER TABLE identities ADD COLUMN country TEXT;
                    ALTER TABLE channels ADD COLUMN problem TEXT;
                    """
            )
        }
        // 0011: a delivery receipt that arrives before our own "sent" record (Viber answers fast) waits here.
        migrator.registerMigration("0011_early_receipts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE early_receipts (
                        channel_id INTEGER NOT NULL REFERENCES channels(id),
                        external_id TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('delivered', 'seen', 'failed')),
                        reason TEXT,
                        received_at REAL NOT NULL,
                        PRIMARY KEY (channel_id, external_id, state)
                    ) WITHOUT ROWID;
                    """
            )
        }
        registerRouting(&migrator)
        registerIdentityMigrations(in: &migrator)
        registerRoutingMore(&migrator)
        registerAutomation(&migrator)
        registerChannelRemoval(&migrator)
        registerAdmin(&migrator)
        registerReports(&migrator)
        registerAPIKeyMask(&migrator)
        registerReportSpeed(&migrator)
        return migrator
    }
}
