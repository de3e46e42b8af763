import SwitchboardCore
import Synchronization

/// Stands in front of a real store's batch ingest: records every batch it is handed and, while
/// held, keeps the write waiting, so a test decides what queues up behind it without timing.
final class BatchSpy: Sendable {
    private let store: any Store
    private let state: Mutex<State>

    private struct State {
        var batches: [[String]] = []
        var held: Bool
        var waiting: [CheckedContinuation<Void, Never>] = []
        var failing: Set<Int> = []
    }

    /// The error a failing batch throws, as a transaction that cannot commit would.
    struct WriteFailed: Error, Equatable {}

    /// - Parameter held: whether writes wait for `release()`.
    init(_ store: any Store, held: Bool = false) {
        self.store = store
        self.state = Mutex(State(held: held))
    }

    /// Delivery keys of each batch, in the order the batches were written.
    var batches: [[String]] { state.withLock { $0.batches } }
    /// Sizes of the batches, in order.
    var sizes: [Int] { batches.map(\.count) }

    /// Lets the waiting write and every later one through.
    func release() {
        let waiting = state.withLock { state in
            state.held = false
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Makes the batch with this index (0 for the first) fail as a whole.
    func failBatch(_ index: Int) { state.withLock { _ = $0.failing.insert(index) } }

    /// The batcher's write: records, waits while held, then commits through the store. Like GRDB,
    /// it gives up when its task was cancelled.
    func write(_ events: [InboundEvent]) async throws -> [Result<IngestOutcome, any Error>] {
        let index = state.withLock { state in
            state.batches.append(events.map(\.deliveryKey))
            return state.batches.count - 1
        }
        await withCheckedContinuation { continuation in
            let wait = state.withLock { state in
                if state.held { state.waiting.append(continuation) }
                return state.held
            }
            if !wait { continuation.resume() }
        }
        try Task.checkCancellation()
        if state.withLock({ $0.failing.contains(index) }) { throw WriteFailed() }
        return try await store.ingest(events)
    }
}
