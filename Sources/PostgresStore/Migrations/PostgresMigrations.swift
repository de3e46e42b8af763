/// The PostgreSQL schema, as an append-only list of numbered migrations. Never edit a shipped one.
///
/// It mirrors `SQLiteMigrations` one for one: the same identifiers, in the same order, each the
/// PostgreSQL form of the SQLite migration of that name (`Migrations/MigrationNNNNName.swift`), so
/// the two schemas hold the same rows and `copy-database` can copy table by table. A new migration
/// gets the same number and name in both stores.
enum PostgresMigrations {
    /// A registered migration: the identifier databases record, and its statements, one SQL
    /// statement each (the extended query protocol takes one at a time).
    struct Migration: Sendable {
        /// `NNNN_name`, as recorded in `schema_migrations`.
        let identifier: String
        let statements: [String]

        /// Creates a migration.
        init(_ identifier: String, _ statements: [String]) {
            self.identifier = identifier
            self.statements = statements
        }

        /// The number the identifier starts with.
        var number: Int? { Int(identifier.prefix(4)) }
    }

    /// Every migration, in number order (the numbers `SQLiteMigrations.unusedNumbers` explains are skipped here too).
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
            Migration("0016_identity", migration0016Identity),
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
            Migration("0031_message_albums", migration0031MessageAlbums),
            Migration("0032_message_revisions", migration0032MessageRevisions),
            Migration("0033_ban_and_flood", migration0033BanAndFlood),
            Migration("0034_client_groups", migration0034ClientGroups),
            Migration("0035_staff_topics", migration0035StaffTopics),
            Migration("0036_send_slots", migration0036SendSlots),
            Migration("0037_sign_in_marks", migration0037SignInMarks),
        ]
    }
}
