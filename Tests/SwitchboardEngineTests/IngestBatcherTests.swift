import Foundation
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

/// Group commit: what queues behind a write becomes the next batch; each caller gets its own result.
@Suite struct IngestBatcherTests {
    func text(_ key: String, in fixture: StoreFixture, from user: String = "u-1") -> InboundEvent {
        InboundEvents.text("text \(key)", channel: fixture.channel.id, from: user, delivery: key, messageID: key)
    }

    /// Starts one ingest per key in its own task, as concurrent webhook requests would.
    func start(_ keys: [String], _ batcher: IngestBatcher, _ fixture: StoreFixture) -> [Task<IngestOutcome, any Error>] {
        keys.map { key in
            let event = text(key, in: fixture, from: "u-\(key)")
            return Task { try await batcher.ingest(event) }
        }
    }

    /// A first write held by the spy, with `keys` queued behind it.
    func queue(
        _ keys: [String],
        behind first: String,
        _ batcher: IngestBatcher,
        _ spy: BatchSpy,
        _ fixture: StoreFixture
    ) async throws
        -> (first: Task<IngestOutcome, any Error>, queued: [Task<IngestOutcome, any Error>])
    {
        let lead = start([first], batcher, fixture)[0]
        try await eventually("the first write began") { spy.sizes.count == 1 }
        let queued = start(keys, batcher, fixture)
        try await eventually("\(keys.count) callers queued") { await batcher.queuedCallers == keys.count }
        return (lead, queued)
    }

    @Test func aLoneEventIsWrittenAtOnceAsABatchOfOne() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let spy = BatchSpy(fixture.store)
        let batcher = IngestBatcher(bus: InProcessEventBus(log: fixture.store), write: spy.write)

        let outcome = try await batcher.ingest(text("alone", in: fixture))

        guard case .new(let result) = outcome else { throw Expectation.duplicate }
        #expect(spy.batches == [["alone"]])
        #expect(try await fixture.store.messages(in: try #require(result.conversationID)).map(\.text) == ["text alone"])
    }

    @Test func eventsArrivingDuringAWriteFormTheNextBatch() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let spy = BatchSpy(fixture.store, held: true)
        let batcher = IngestBatcher(bus: InProcessEventBus(log: fixture.store), write: spy.write)
        let keys = (1...10).map { "k\($0)" }

        // Given ten callers that arrive while the first write is under way
        let (first, queued) = try await queue(keys, behind: "k0", batcher, spy, fixture)

        // When the write ends
        spy.release()

        // Then the ten are written together, in the order they arrived, and each gets its own message
        #expect(try await first.value != .duplicate)
        var messages: Set<MessageID> = []
        for task in queued {
            guard case .new(let result) = try await task.value else { throw Expectation.duplicate }
            messages.insert(try #require(result.messageID))
        }
        #expect(spy.batches == [["k0"], keys])
        #expect(messages.count == 10)
    }

    @Test func aBatchTakesAtMostMaxBatchEvents() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let spy = BatchSpy(fixture.store, held: true)
        let batcher = IngestBatcher(bus: InProcessEventBus(log: fixture.store), maxBatch: 4, write: spy.write)

        let (first, queued) = try await queue((1...10).map { "k\($0)" }, behind: "k0", batcher, spy, fixture)
        spy.release()
        _ = try await first.value
        for task in queued { _ = try await task.value }

        #expect(spy.sizes == [1, 4, 4, 2])
        #expect(try DatabaseInspector(path: fixture.path).count("messages") == 11)
    }

    @Test func aFailingEventInABatchFailsAloneAndTheOthersCommit() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let spy = BatchSpy(fixture.store, held: true)
        let batcher = IngestBatcher(bus: InProcessEventBus(log: fixture.store), write: spy.write)
        let (first, before) = try await queue(["a", "b"], behind: "k0", batcher, spy, fixture)

        // Given an event for a channel that does not exist, queued between good ones
        let unknown = InboundEvents.text("lost?", channel: ChannelID(999), delivery: "bad", messageID: "bad")
        let bad = Task { try await batcher.ingest(unknown) }
        try await eventually("the bad event queued") { await batcher.queuedCallers == 3 }
        let after = start(["c"], batcher, fixture)
        try await eventually("the last event queued") { await batcher.queuedCallers == 4 }
        spy.release()

        // Then it fails with its own error and the others of its batch are stored
        _ = try await first.value
        await #expect(throws: StoreError.notFound("channel \(ChannelID(999))")) { try await bad.value }
        for task in before + after { #expect(try await task.value != .duplicate) }
        #expect(spy.batches == [["k0"], ["a", "b", "bad", "c"]])
        #expect(try DatabaseInspector(path: fixture.path).count("messages") == 4)
    }

    @Test func twoDeliveriesOfOneUpdateInABatchAreNewThenDuplicate() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let spy = BatchSpy(fixture.store, held: true)
        let batcher = IngestBatcher(bus: InProcessEventBus(log: fixture.store), write: spy.write)

        let (first, queued) = try await queue(["same", "same"], behind: "k0", batcher, spy, fixture)
        spy.release()
        _ = try await first.value
        let outcomes = [try await queued[0].value, try await queued[1].value]

        #expect(spy.batches == [["k0"], ["same", "same"]])
        #expect(outcomes.filter { $0 == .duplicate }.count == 1)
        #expect(try DatabaseInspector(path: fixture.path).count("messages") == 2)
    }

    @Test func aBatchWhoseTransactionFailsFailsEveryCallerInItAndTheNextBatchStillCommits() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let spy = BatchSpy(fixture.store, held: true)
        spy.failBatch(1)
        let batcher = IngestBatcher(bus: InProcessEventBus(log: fixture.store), write: spy.write)

        let (first, queued) = try await queue(["a", "b", "c"], behind: "k0", batcher, spy, fixture)
        spy.release()

        #expect(try await first.value != .duplicate)
        for task in queued { await #expect(throws: BatchSpy.WriteFailed()) { try await task.value } }
        #expect(try await batcher.ingest(text("a", in: fixture)) != .duplicate)
        #expect(try DatabaseInspector(path: fixture.path).count("messages") == 2)
    }

    @Test func cancellingTheCallerThatLeadsABatchDoesNotFailTheOthers() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let spy = BatchSpy(fixture.store, held: true)
        let batcher = IngestBatcher(bus: InProcessEventBus(log: fixture.store), write: spy.write)
        let (first, queued) = try await queue(["a", "b"], behind: "k0", batcher, spy, fixture)

        // Given the caller that will lead the second batch (the first queued) cancelled while it waits
        queued[0].cancel()
        spy.release()

        // Then its batch is written whole: the cancellation belongs to one caller, the write to all
        _ = try await first.value
        for task in queued { #expect(try await task.value != .duplicate) }
        #expect(spy.batches == [["k0"], ["a", "b"]])
    }

    enum Expectation: Error { case duplicate }
}
