import DequeModule
public import SwitchboardCore
import Synchronization

/// Fans committed events out to subscribers in one process, without making the publisher wait.
///
/// `publish` runs on the write path right after a commit, so its work does not grow with the
/// number of subscribers: under a lock it appends to one shared ring of the latest `bufferLimit`
/// events and wakes one sleeping subscriber, which wakes the others. A lock rather than an actor,
/// because an actor would make every publish queue behind the subscribers' own calls.
///
/// Each subscriber reads the ring at its own cursor, so memory is the ring plus one log batch per
/// subscriber that is catching up. A subscriber the ring has moved past (or, with
/// `EventLag.end(beyond:)`, that has more waiting than its limit) either reads what it missed from
/// the event log and goes live again, or has its subscription ended, as it asked. A gap in the
/// published seqs (another transaction's publish still on its way) is filled from the log.
public final class InProcessEventBus: EventBus {
    let log: any EventLog
    let bufferLimit: Int
    let catchUpBatch: Int
    private let state = Mutex(BusState())

    /// Creates a bus reading missed events from `log`.
    /// - Parameters:
    ///   - log: the event log, used to catch up.
    ///   - bufferLimit: the latest events kept in memory for every subscriber (at least 1); one that
    ///     falls further behind reads the log or is ended.
    ///   - catchUpBatch: events read from the log at a time.
    public init(log: any EventLog, bufferLimit: Int = 1024, catchUpBatch: Int = 256) {
        self.log = log
        self.bufferLimit = max(bufferLimit, 1)
        self.catchUpBatch = catchUpBatch
    }

    public func publish(_ events: [Event]) {
        guard !events.isEmpty else { return }
        let woken = state.withLock { state in
            for event in events { state.insert(event, keeping: bufferLimit) }
            return state.takeSleepers()
        }
        // The first sleeper wakes the rest, so the publisher resumes one task whatever their number.
        if let (first, others) = woken { first.resume(returning: others) }
    }

    public func subscribe(after seq: Int64?, whenBehind lag: EventLag) async throws -> EventSubscription {
        let latest = try await log.latestSeq()
        let id = state.withLock { state in state.add(after: seq, latest: latest, lag: lag) }
        return EventSubscription(
            nextBatch: { [self] limit in try await nextBatch(for: id, limit: limit) },
            cancel: { [self] in unsubscribe(id) }
        )
    }

    /// How many subscribers are attached (for metrics and tests).
    public var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// Events held in memory: the ring and the log batches of catching-up subscribers.
    public var bufferedEventCount: Int {
        state.withLock { state in state.ring.count + state.subscribers.values.reduce(0) { $0 + $1.backlog.count } }
    }

    func nextBatch(for id: Int, limit: Int) async throws -> [Event] {
        while true {
            try Task.checkCancellation()
            switch state.withLock({ $0.step(id, limit: max(limit, 1)) }) {
            case .events(let batch): return batch
            case .detached: return []
            case .overflowed(let delivered): throw EventSubscriptionOverflow(lastDelivered: delivered)
            case .readLog(let seq): try await readLog(id, after: seq)
            case .wait: await sleep(id)
            }
        }
    }

    private func readLog(_ id: Int, after seq: Int64) async throws {
        let batch = try await log.events(after: seq, limit: catchUpBatch)
        state.withLock { $0.absorb(batch, for: id, after: seq, complete: batch.count < catchUpBatch) }
    }

    private func sleep(_ id: Int) async {
        let others = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<ArraySlice<Int>, Never>) in
                let waiting = state.withLock { $0.register(continuation, for: id, cancelled: Task.isCancelled) }
                if !waiting { continuation.resume(returning: []) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.stopWaiting(id) }
            waiter?.resume(returning: [])
        }
        guard !others.isEmpty else { return }
        let waiters = state.withLock { state in others.compactMap { state.takeWaiter($0) } }
        for waiter in waiters { waiter.resume(returning: []) }
    }

    func unsubscribe(_ id: Int) {
        let waiter = state.withLock { $0.remove(id) }
        waiter?.resume(returning: [])
    }
}

/// The in-process bus's bookkeeping, changed only under its lock: the ring of the latest published
/// events and every subscriber's cursor. Each method is one short step with no waiting.
struct BusState {
    typealias Waiter = CheckedContinuation<ArraySlice<Int>, Never>

    struct Subscriber {
        /// The last seq handed out.
        var delivered: Int64
        let lag: EventLag
        /// Events read from the log, handed out before the ring.
        var backlog: Deque<Event> = []
        /// True while the subscriber reads the log instead of the ring.
        var readingLog: Bool
        var waiter: Waiter?
    }

    /// What a subscriber asking for events does next.
    enum Step {
        case events([Event])
        case readLog(after: Int64)
        case wait
        case overflowed(delivered: Int64)
        case detached
    }

    /// The latest published events in seq order.
    var ring: Deque<Event> = []
    /// The highest seq pushed out of the ring: a subscriber still before it cannot be served from memory.
    var evictedThrough: Int64 = 0
    var highestPublished: Int64 = 0
    var subscribers: [Int: Subscriber] = [:]
    /// Subscribers waiting for a publish, in the order they went to sleep.
    var sleepers: [Int] = []
    var nextID = 0

    /// Adds a publish to the ring, in seq order, forgetting the oldest beyond `limit`.
    mutating func insert(_ event: Event, keeping limit: Int) {
        highestPublished = max(highestPublished, event.seq)
        // A late publish older than the ring is not kept: whoever needs it reads the log.
        guard event.seq > evictedThrough else { return }
        var index = ring.endIndex
        while index > ring.startIndex && ring[index - 1].seq >= event.seq {
            if ring[index - 1].seq == event.seq { return }
            index -= 1
        }
        ring.insert(event, at: index)
        while ring.count > limit, let oldest = ring.popFirst() {
            evictedThrough = max(evictedThrough, oldest.seq)
        }
    }

    /// Takes every sleeper at once (the array is handed over, not walked): the first one's waiter,
    /// and the others for that subscriber to wake.
    mutating func takeSleepers() -> (Waiter, ArraySlice<Int>)? {
        guard !sleepers.isEmpty else { return nil }
        var all = sleepers[...]
        sleepers = []
        while let first = all.popFirst() {
            if let waiter = takeWaiter(first) { return (waiter, all) }
        }
        return nil
    }

    mutating func takeWaiter(_ id: Int) -> Waiter? {
        let waiter = subscribers[id]?.waiter
        subscribers[id]?.waiter = nil
        return waiter
    }

    /// Registers a subscriber starting after `seq`, clamped to what exists; returns its id.
    mutating func add(after seq: Int64?, latest: Int64, lag: EventLag) -> Int {
        let top = max(latest, highestPublished)
        let start = min(seq ?? top, top)
        let id = nextID
        nextID += 1
        // Starting at the top needs nothing from the log: whatever is committed later is published later.
        subscribers[id] = Subscriber(delivered: start, lag: lag, readingLog: start < top)
        return id
    }

    /// Decides what the subscriber gets now: its log backlog, a run from the ring, or why not.
    mutating func step(_ id: Int, limit: Int) -> Step {
        guard let delivered = subscribers[id]?.delivered else { return .detached }
        if subscribers[id]?.backlog.isEmpty == false {
            var batch: [Event] = []
            while batch.count < limit, let event = subscribers[id]?.backlog.popFirst() { batch.append(event) }
            subscribers[id]?.delivered = batch[batch.count - 1].seq
            return .events(batch)
        }
        if subscribers[id]?.readingLog == true { return .readLog(after: delivered) }
        if case .end(let beyond)? = subscribers[id]?.lag, highestPublished - delivered > Int64(beyond) {
            return end(id, delivered: delivered)
        }
        guard let index = firstIndex(after: delivered) else {
            guard delivered < highestPublished else { return .wait }
            subscribers[id]?.readingLog = true
            return .readLog(after: delivered)
        }
        guard ring[index].seq == delivered + 1 else {
            // The next event is missing from memory: forgotten (the subscriber fell behind the ring)
            // or not yet published (a gap that the log fills, whatever the subscriber asked for).
            if delivered < evictedThrough, case .end = subscribers[id]?.lag { return end(id, delivered: delivered) }
            subscribers[id]?.readingLog = true
            return .readLog(after: delivered)
        }
        var batch = [ring[index]]
        var next = index + 1
        while batch.count < limit && next < ring.endIndex && ring[next].seq == batch[batch.count - 1].seq + 1 {
            batch.append(ring[next])
            next += 1
        }
        subscribers[id]?.delivered = batch[batch.count - 1].seq
        return .events(batch)
    }

    /// Takes a log batch read after `seq`; back to the ring once the log is read to its end and the
    /// ring still holds everything after it.
    mutating func absorb(_ batch: [Event], for id: Int, after seq: Int64, complete: Bool) {
        guard subscribers[id]?.delivered == seq, subscribers[id]?.readingLog == true else { return }
        subscribers[id]?.backlog.append(contentsOf: batch)
        let reached = batch.last?.seq ?? seq
        if complete && reached >= evictedThrough {
            subscribers[id]?.readingLog = false
        }
        if complete && batch.isEmpty {
            // The log holds nothing after `seq`, yet later seqs were published: they are not in this
            // log (only a test publishes events it never committed). Reading again would spin without
            // ever sleeping, so the subscriber moves on to what the ring holds.
            let next = firstIndex(after: seq).map { ring[$0].seq - 1 } ?? highestPublished
            subscribers[id]?.delivered = max(seq, next)
            subscribers[id]?.readingLog = false
        }
    }

    /// Puts the subscriber to sleep until the next publish; false when it must not sleep (it has
    /// events waiting, is detached or cancelled), so the caller resumes at once.
    mutating func register(_ waiter: Waiter, for id: Int, cancelled: Bool) -> Bool {
        guard !cancelled, let subscriber = subscribers[id], subscriber.backlog.isEmpty, !subscriber.readingLog,
            subscriber.delivered >= highestPublished
        else { return false }
        subscribers[id]?.waiter = waiter
        sleepers.append(id)
        return true
    }

    mutating func stopWaiting(_ id: Int) -> Waiter? {
        sleepers.removeAll { $0 == id }
        return takeWaiter(id)
    }

    mutating func remove(_ id: Int) -> Waiter? {
        sleepers.removeAll { $0 == id }
        return subscribers.removeValue(forKey: id)?.waiter
    }

    private mutating func end(_ id: Int, delivered: Int64) -> Step {
        sleepers.removeAll { $0 == id }
        subscribers[id] = nil
        return .overflowed(delivered: delivered)
    }

    /// The position of the first event after `seq` in the ring, by binary search.
    private func firstIndex(after seq: Int64) -> Int? {
        var low = ring.startIndex
        var high = ring.endIndex
        while low < high {
            let middle = (low + high) / 2
            if ring[middle].seq > seq { high = middle } else { low = middle + 1 }
        }
        return low < ring.endIndex ? low : nil
    }
}
