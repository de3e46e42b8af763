import GRDB

/// The SQLite schema, as an append-only list of numbered migrations. Never edit a shipped one.
///
/// Each migration is a function in its own file, `Migrations/MigrationNNNNName.swift`, registered
/// below in number order. Its identifier (`NNNN_name`) is what databases record in
/// `grdb_migrations`, so it never changes. A new migration takes the number after the last one.
enum SQLiteMigrations {
    /// A registered migration: the identifier databases record, and the schema change.
    struct Migration: Sendable {
        /// `NNNN_name`, as recorded in `grdb_migrations`.
        let identifier: String
        let apply: @Sendable (Database) throws -> Void

        /// Creates a migration.
        init(_ identifier: String, _ apply: @escaping @Sendable (Database) throws -> Void) {
            self.identifier = identifier
            self.apply = apply
        }

        /// The number the identifier starts with.
        var number: Int? { Int(identifier.prefix(4)) }
    }

    /// Every migration, in number order.
    static var all: [Migration] {
        [
            Migration("0001_channels", migration0001Channels),
            Migration("0002_operators", migration0002Operators),
            Migration("0003_contacts", migration0003Contacts),
            Migration("0004_conversations", migration0004Conversations),
            Migration("0005_messages", migration0005Messages),
            Migration("0006_inbound_receipts", migration0006InboundReceipts),
            Migration("0007_outbox", migration0007Outbox),
            Migration("0008_events", migration0008Events),
            Migration("0009_inbox", migration0009Inbox),
            Migration("0010_profiles_and_channel_problems", migration0010ProfilesAndChannelProblems),
            Migration("0011_early_receipts", migration0011EarlyReceipts),
            Migration("0012_routing", migration0012Routing),
            Migration("0013_routing_more", migration0013RoutingMore),
            Migration("0014_automation", migration0014Automation),
            // 0015: never used (see `unusedNumbers`).
            // Until December 2026, 0016 was registered before 0013 and 0014. They touch different tables and
            // columns, so number order changes only where a new database puts conversations.context_status.
            Migration("0016_identity", migration0016Identity),
            // 0017: never used (see `unusedNumbers`).
            Migration("0018_channel_removal", migration0018ChannelRemoval),
            Migration("0019_audit", migration0019Audit),
            Migration("0020_operator_admin", migration0020OperatorAdmin),
            Migration("0021_reports", migration0021Reports),
            Migration("0022_reviews", migration0022Reviews),
            Migration("0023_api_key_mask", migration0023ApiKeyMask),
            Migration("0024_report_speed", migration0024ReportSpeed),
            Migration("0025_webhooks", migration0025Webhooks),
            Migration("0026_api_key_scopes", migration0026ApiKeyScopes),
            Migration("0027_search", migration0027Search),
            Migration("0028_outbox_parts", migration0028OutboxParts),
            // 0029, 0030: never used (see `unusedNumbers`).
            Migration("0031_message_albums", migration0031MessageAlbums),
            Migration("0032_message_revisions", migration0032MessageRevisions),
            Migration("0033_ban_and_flood", migration0033BanAndFlood),
            Migration("0034_client_groups", migration0034ClientGroups),
            Migration("0035_staff_topics", migration0035StaffTopics),
            Migration("0036_send_slots", migration0036SendSlots),
            Migration("0037_sign_in_marks", migration0037SignInMarks),
        ]
    }

    /// Numbers below the last migration that no migration has, and why.
    ///
    /// They must stay unused: GRDB applies missing migrations in list order, so a late 0015 would
    /// run after 0024 on existing databases but before 0016 on new ones.
    static let unusedNumbers: [Int: String] = [
        15: "never registered: numbers were handed out ahead to parallel feature branches (November 2026) and none shipped a 0015",
        17: "never registered: numbers were handed out ahead to parallel feature branches (November 2026) and none shipped a 0017",
        29: "never registered: handed to a parallel branch of issue 17 (December 2026) that needed no migration",
        30: "never registered: handed to a parallel branch of issue 17 (December 2026) that needed no migration",
    ]

    /// A migrator with every migration registered in `all`'s order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in all {
            migrator.registerMigration(migration.identifier, migrate: migration.apply)
        }
        return migrator
    }
}
