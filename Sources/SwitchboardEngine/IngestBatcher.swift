import DequeModule
public import SwitchboardCore

/// Group commit: inbound events that arrive together are written by one store transaction.
///
/// There is no timer. The first caller finds the batcher idle and writes its events at once, so a
/// lone event waits for nothing. Callers that arrive while a batch is being written queue up; when
/// the write ends, the first of them leads the next batch and takes the queue with it, up to
/// `maxBatch` events. The wait an event can see is therefore one write of the batch before it: the
/// bounded wait of classic group commit, set by the disk instead of a clock.
///
/// Every caller returns only after its own batch committed and its events were published, in
/// commit order, so adapters still acknowledge after commit. One event's failure is its own.
/// The queue holds one entry per waiting caller, so the callers themselves (webhook requests in
/// flight, one poller per bot) bound it.
public actor IngestBatcher {
    /// The largest batch one transaction takes; a caller's own group is never split.
    public static let defaultMaxBatch = 64

    /// What a queued caller is woken with: its results, or the turn to write the next batch.
    private enum Turn: Sendable {
        case done([Result<IngestOutcome, any Error>])
        case lead
    }

    private struct Waiter {
        let events: [InboundEvent]
        let continuation: CheckedContinuation<Turn, Never>
    }

    /// Writes one batch in one transaction: `Store.ingest(_:)` with one result per event.
    public typealias Write = @Sendable ([InboundEvent]) async throws -> [Result<IngestOutcome, any Error>]

    let write: Write
    let bus: any EventBus
    let maxBatch: Int
    private var queue: Deque<Waiter> = []
    private var writing = false

    /// Creates a batcher that commits through `store`.
    /// - Parameters:
    ///   - store: Where batches are committed, one transaction each.
    ///   - bus: Where the events of each batch are published after its commit.
    ///   - maxBatch: The most events one transaction takes from the queue.
    public init(store: any Store, bus: any EventBus, maxBatch: Int = IngestBatcher.defaultMaxBatch) {
        self.init(bus: bus, maxBatch: maxBatch) { try await store.ingest($0) }
    }

    /// Creates a batcher that commits with `write` (a store's batch ingest, or a spy around one).
    public init(bus: any EventBus, maxBatch: Int = IngestBatcher.defaultMaxBatch, write: @escaping Write) {
        precondition(maxBatch > 0, "a batch holds at least one event")
        self.write = write
        self.bus = bus
        self.maxBatch = maxBatch
    }

    /// Callers waiting for a batch to take them (not counting the one being written).
    public var queuedCallers: Int { queue.count }

    /// Commits one event with whatever else arrives together.
    /// - Throws: the event's own error, or the batch's when its transaction failed.
    public func ingest(_ event: InboundEvent) async throws -> IngestOutcome {
        try await ingest([event])[0].get()
    }

    /// Commits a group of events in order, in one batch, with whatever else arrives together.
    /// - Returns: one result per event, all committed and published.
    public func ingest(_ events: [InboundEvent]) async -> [Result<IngestOutcome, any Error>] {
        guard !events.isEmpty else { return [] }
        if writing {
            let turn = await withCheckedContinuation { queue.append(Waiter(events: events, continuation: $0)) }
            if case .done(let results) = turn { return results }
        }
        writing = true
        return await lead(events)
    }

    /// Writes the caller's events with the queue's head, publishes, wakes the batch's callers, and
    /// hands the next batch to the first caller still queued.
    private func lead(_ own: [InboundEvent]) async -> [Result<IngestOutcome, any Error>] {
        var batch = own
        var followers: [Waiter] = []
        while let next = queue.first, batch.count + next.events.count <= maxBatch {
            batch += next.events
            followers.append(queue.removeFirst())
        }
        let results = await commit(batch)
        await bus.publish(results.flatMap(Self.events))
        if let next = queue.popFirst() {
            next.continuation.resume(returning: .lead)
        } else {
            writing = false
        }
        var offset = own.count
        for follower in followers {
            follower.continuation.resume(returning: .done(Array(results[offset..<offset + follower.events.count])))
            offset += follower.events.count
        }
        return Array(results[0..<own.count])
    }

    /// One transaction for the batch. It runs in a task of its own so that cancelling the leader
    /// (a webhook client hanging up) cannot interrupt the write other callers are waiting for.
    private func commit(_ batch: [InboundEvent]) async -> [Result<IngestOutcome, any Error>] {
        let write = self.write
        do {
            let results = try await Task { try await write(batch) }.value
            precondition(results.count == batch.count, "the store returns one result per event")
            return results
        } catch {
            return Array(repeating: .failure(error), count: batch.count)
        }
    }

    private static func events(_ result: Result<IngestOutcome, any Error>) -> [Event] {
        guard case .success(.new(let ingested)) = result else { return [] }
        return ingested.events
    }
}
