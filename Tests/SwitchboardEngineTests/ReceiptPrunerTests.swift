import Foundation
import Logging
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

/// Receipts make ingestion idempotent for as long as a messenger may redeliver, and no longer.
@Suite struct ReceiptPrunerTests {
    @Test func receiptsPastRetentionAreDeletedAndRecentOnesStillStopDuplicates() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let clock = ManualWallClock()
        let channel = fixture.channel.id
        let now = clock.now()
        let old = InboundEvents.text("eight days ago", channel: channel, delivery: "old", at: now.addingTimeInterval(-8 * 86_400))
        let recent = InboundEvents.text("an hour ago", channel: channel, delivery: "recent", at: now.addingTimeInterval(-3600))
        for event in [old, recent] { _ = try await fixture.store.ingest(event) }
        for (key, age) in [("early-old", 2 * 86_400.0), ("early-recent", 600.0)] {
            let receipt = InboundEvent.Payload.delivery(externalMessageID: "not-sent-yet-\(key)", state: .delivered, reason: nil)
            _ = try await fixture.store.ingest(InboundEvents.event(receipt, channel: channel, delivery: key, at: now.addingTimeInterval(-age)))
        }
        let inspector = try DatabaseInspector(path: fixture.path)
        #expect(try inspector.count("inbound_receipts") == 4 && inspector.count("early_receipts") == 2)

        let deleted = try await ReceiptPruner(store: fixture.store, clock: clock, logger: Logger(label: "test")).pruneOnce()

        #expect(deleted.inbound == 1 && deleted.early == 1)
        #expect(try inspector.count("early_receipts") == 1)
        #expect(try await fixture.store.ingest(recent) == .duplicate)
    }

    @Test func retentionOutlastsEveryRedelivery() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let cutoffs = ReceiptRetention.standard.cutoffs(now: now)
        #expect(cutoffs.inboundBefore == now.addingTimeInterval(-7 * 86_400))
        #expect(cutoffs.earlyBefore == now.addingTimeInterval(-86_400))
    }
}
