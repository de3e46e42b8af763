import GRDB
import Testing

@testable import SQLiteStore

/// The migration list: registered in number order, identifiers as databases recorded them, every
/// skipped number explained.
@Suite struct MigrationOrderTests {
    /// The identifiers existing databases have in `grdb_migrations`; they never change.
    static let recorded = [
        "0001_channels", "0002_operators", "0003_contacts", "0004_conversations", "0005_messages",
        "0006_inbound_receipts", "0007_outbox", "0008_events", "0009_inbox", "0010_profiles_and_channel_problems",
        "0011_early_receipts", "0012_routing", "0013_routing_more", "0014_automation", "0016_identity",
        "0018_channel_removal", "0019_audit", "0020_operator_admin", "0021_reports", "0022_reviews",
        "0023_api_key_mask", "0024_report_speed", "0025_webhooks", "0026_api_key_scopes", "0027_search", "0028_outbox_parts",
        "0031_message_albums", "0032_message_revisions", "0033_ban_and_flood", "0034_client_groups", "0035_staff_topics",
        "0036_send_slots", "0037_sign_in_marks",
    ]

    @Test func theMigratorRegistersTheRecordedIdentifiersInNumberOrder() {
        let identifiers = SQLiteMigrations.migrator.migrations
        #expect(identifiers == Self.recorded)
        let numbers = SQLiteMigrations.all.map(\.number)
        #expect(!numbers.contains(nil), "every identifier starts with a four-digit number")
        let known = numbers.compactMap { $0 }
        #expect(zip(known, known.dropFirst()).allSatisfy { $0 < $1 }, "numbers strictly increase: \(known)")
    }

    @Test func everySkippedNumberIsExplainedAndNoExplainedNumberIsUsed() {
        let numbers = Set(SQLiteMigrations.all.compactMap(\.number))
        let skipped = Set(1...(numbers.max() ?? 0)).subtracting(numbers)
        #expect(skipped == Set(SQLiteMigrations.unusedNumbers.keys))
        #expect(SQLiteMigrations.unusedNumbers.values.allSatisfy { !$0.isEmpty })
    }

    @Test func aNewDatabaseRecordsEveryMigrationInListOrder() throws {
        let queue = try DatabaseQueue()
        try SQLiteMigrations.migrator.migrate(queue)
        let applied = try queue.read { try SQLiteMigrations.migrator.appliedIdentifiers($0) }
        #expect(applied == Set(Self.recorded))
        #expect(try queue.read { try SQLiteMigrations.migrator.hasCompletedMigrations($0) })
    }
}
