import Foundation
import SQLiteStore
import SwitchboardCore
import Synchronization
import TestSupport
import Testing

@Suite struct BackupTests {
    @Test func backupUnderWriteLoadIsOneConsistentSnapshotHoldingEveryCommittedMessage() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let committed = CommitCounter()
        let writer = Task {
            var index = 0
            while !Task.isCancelled {
                let event = InboundEvents.text("m-\(index)", channel: fixture.channel.id, from: "client-\(index % 7)")
                _ = try await fixture.store.ingest(event)
                committed.record()
                index += 1
            }
        }
        try await eventually(timeout: .seconds(60), "50 commits") { committed.value >= 50 }

        let before = committed.value
        let destination = fixture.directory.path("backup.sqlite")
        let summary = try await SQLiteStore.backup(databaseAt: fixture.path, to: destination)
        let after = committed.value
        writer.cancel()
        _ = await writer.result

        let copy = try DatabaseInspector(path: destination)
        #expect(try copy.strings("PRAGMA integrity_check") == ["ok"])
        let texts = try copy.strings("SELECT text FROM messages ORDER BY id")
        // Every message committed before the backup began is there, and what is there is a prefix of
        // the commit order: one snapshot, never a torn mix of before and after.
        #expect(texts.count >= before)
        #expect(texts.count <= after + 1)
        #expect(texts == (0..<texts.count).map { "m-\($0)" })
        #expect(summary.messages == texts.count)
        #expect(try copy.count("events") > 0)
        #expect(!FileManager.default.fileExists(atPath: destination + ".partial"))
    }

    @Test func existingDestinationIsRefusedAndLeftUntouched() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        _ = try await fixture.store.ingest(InboundEvents.text("hello", channel: fixture.channel.id))
        let destination = fixture.directory.path("precious.sqlite")
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: destination))

        await #expect(throws: BackupError.destinationExists(destination)) { try await fixture.sqlite.backup(to: destination) }

        #expect(try Data(contentsOf: URL(fileURLWithPath: destination)) == Data("keep me".utf8))
    }

    @Test func restoredCopyOpensAsAStoreWithTheSameConversations() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        for index in 0..<5 {
            _ = try await fixture.store.ingest(InboundEvents.text("hi \(index)", channel: fixture.channel.id, from: "client-\(index)"))
        }
        let destination = fixture.directory.path("copy.sqlite")

        let summary = try await fixture.sqlite.backup(to: destination)

        #expect(summary.conversations == 5)
        #expect(summary.bytes > 0)
        let restored = try SQLiteStore(path: destination)
        defer { try? restored.close() }
        #expect(try await restored.latestSeq() == (try await fixture.store.latestSeq()))
    }
}

/// Commits the writer has seen return, readable from the test.
private final class CommitCounter: Sendable {
    private let count = Mutex(0)
    var value: Int { count.withLock { $0 } }
    func record() { count.withLock { $0 += 1 } }
}
