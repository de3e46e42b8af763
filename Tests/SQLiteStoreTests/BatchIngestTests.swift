import Foundation
import SQLiteStore
import SwitchboardCore
import TestSupport
import Testing

/// Group commit in SQLite: a savepoint per event inside the batch's one transaction.
@Suite struct BatchIngestTests {
    @Test func anEventThatFailsMidwayInABatchLeavesNothingAndTheOthersCommit() async throws {
        // Given a database that refuses one message row, after its receipt, contact and conversation were written
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let inspector = try DatabaseInspector(path: fixture.path)
        try inspector.execute(
            "CREATE TRIGGER fail_poison BEFORE INSERT ON messages WHEN NEW.text = 'poison' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
        )
        let channel = fixture.channel.id
        let poison = InboundEvents.text("poison", channel: channel, from: "u-2", delivery: "p")

        // When it is ingested between two good events
        let results = try await fixture.store.ingest([
            InboundEvents.text("good", channel: channel, delivery: "a"), poison, InboundEvents.text("fine", channel: channel, delivery: "b"),
        ])

        // Then it alone failed, without a receipt, contact or conversation left behind
        #expect(throws: (any Error).self) { try results[1].get() }
        #expect(try results[0].get() != .duplicate)
        #expect(try results[2].get() != .duplicate)
        #expect(try inspector.count("messages") == 2)
        #expect(try inspector.count("inbound_receipts") == 2)
        #expect(try inspector.count("contacts") == 1)
        try inspector.execute("DROP TRIGGER fail_poison")
        #expect(try await fixture.store.ingest(poison) != .duplicate)
    }

    @Test func aFailureThatEndsTheTransactionFailsTheWholeBatchAndStoresNone() async throws {
        // Given a fault that rolls back the whole transaction (as a full disk or an I/O error does)
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let inspector = try DatabaseInspector(path: fixture.path)
        try inspector.execute(
            "CREATE TRIGGER end_all BEFORE INSERT ON messages WHEN NEW.text = 'poison' BEGIN SELECT RAISE(ROLLBACK, 'disk I/O error'); END"
        )
        let before = try inspector.ingestCounts()
        let channel = fixture.channel.id

        // When a batch meets it in its middle
        await #expect(throws: (any Error).self) {
            try await fixture.store.ingest([
                InboundEvents.text("good", channel: channel, delivery: "a"),
                InboundEvents.text("poison", channel: channel, delivery: "p"),
                InboundEvents.text("fine", channel: channel, delivery: "b"),
            ])
        }

        // Then none of the batch is stored, not even the events after it in autocommit mode
        #expect(try inspector.ingestCounts() == before)
    }
}
