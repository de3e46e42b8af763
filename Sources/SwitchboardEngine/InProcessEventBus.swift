import DequeModule
public import SwitchboardCore

/// Fans committed events out to subscribers in one process.
///
/// Memory is bounded: each subscriber buffers at most `bufferLimit` events. A subscriber that
/// falls further behind (or sees a gap in sequence numbers) switches to catching up from the
/// event log with `events(after:)`, then back to live delivery, so it never loses an event.
public actor InProcessEventBus: EventBus {
    struct Subscriber {
        var deliveredSeq: Int64
        var pending: Deque<Event> = []
        var catchingUp: Bool
        var waiter: CheckedContinuation<Void, Never>?
    }

    let log: any EventLog
    let bufferLimit: Int
    let catchUpBatch: Int
    var subscribers: [Int: Subscriber] = [:]
    var nextSubscriberID = 0
    /// The highest seq ever published: a catching-up subscriber is live again once it reaches it.
    var highestPublished: Int64 = 0

    /// Creates a bus reading missed events from `log`.
    /// - Parameters:
    ///   - log: the event log, used to catch up.
    ///   - bufferLimit: events buffered per subscriber before it must catch up from the log.
    ///   - catchUpBatch: events read from the log at a time.
    public init(log: any EventLog, bufferLimit: Int = 1024, catchUpBatch: Int = 256) {
        self.log = log
        self.bufferLimit = bufferLimit
        self.catchUpBatch = catchUpBatch
    }

    public func publish(_ events: [Event]) {
        for event in events {
            highestPublished = max(highestPublished, event.seq)
            for id in subscribers.keys {
                deliver(event, to: id)
            }
        }
    }

    /// Subscribes to committed events: the log's backlog after `seq` first, then live ones.
    /// - Parameter seq: deliver everything after this seq (from the log first); nil means "from now on".
    public func subscribe(after seq: Int64?) async throws -> EventSubscription {
        let latest = max(try await log.latestSeq(), highestPublished)
        // A seq from the future (a client that remembers another database) would hide every event
        // up to it; clamp it to what exists.
        let start = min(seq ?? latest, latest)
        let id = nextSubscriberID
        nextSubscriberID += 1
        subscribers[id] = Subscriber(deliveredSeq: start, catchingUp: true)
        return EventSubscription(
            next: { try await self.next(for: id) },
            nextBatch: { try await self.nextBatch(for: id) },
            cancel: { await self.unsubscribe(id) }
        )
    }

    /// How many subscribers are attached (for metrics and tests).
    public var subscriberCount: Int { subscribers.count }

    /// Events held in memory across all subscribers; bounded by `bufferLimit` per subscriber.
    public var bufferedEventCount: Int { subscribers.values.reduce(0) { $0 + $1.pending.count } }

    private func deliver(_ event: Event, to id: Int) {
        guard var subscriber = subscribers[id], !subscriber.catchingUp else { return }
        let expected = (subscriber.pending.last?.seq ?? subscriber.deliveredSeq) + 1
        if event.seq < expected { return }
        if event.seq > expected || subscriber.pending.count >= bufferLimit {
            // A gap (another transaction's publish is still on its way) or a slow reader: read the log instead.
            subscriber.pending.removeAll()
            subscriber.catchingUp = true
        } else {
            subscriber.pending.append(event)
        }
        let waiter = subscriber.waiter
        subscriber.waiter = nil
        subscribers[id] = subscriber
        waiter?.resume()
    }

    func next(for id: Int) async throws -> Event? {
        while true {
            try Task.checkCancellation()
            guard var subscriber = subscribers[id] else { return nil }
            if let event = subscriber.pending.popFirst() {
                subscriber.deliveredSeq = event.seq
                subscribers[id] = subscriber
                return event
            }
            if subscriber.catchingUp {
                try await catchUp(id, after: subscriber.deliveredSeq)
                continue
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    if Task.isCancelled || subscribers[id]?.waiter != nil {
                        continuation.resume()
                    } else {
                        subscribers[id]?.waiter = continuation
                    }
                }
            } onCancel: {
                Task { await self.wake(id) }
            }
        }
    }

    /// The next event and every one buffered behind it; empty once unsubscribed.
    func nextBatch(for id: Int) async throws -> [Event] {
        guard let first = try await next(for: id) else { return [] }
        guard var subscriber = subscribers[id], let last = subscriber.pending.last else { return [first] }
        let batch = [first] + subscriber.pending
        subscriber.pending.removeAll(keepingCapacity: true)
        subscriber.deliveredSeq = last.seq
        subscribers[id] = subscriber
        return batch
    }

    private func catchUp(_ id: Int, after seq: Int64) async throws {
        let batch = try await log.events(after: seq, limit: catchUpBatch)
        guard var subscriber = subscribers[id], subscriber.deliveredSeq == seq else { return }
        subscriber.pending.append(contentsOf: batch)
        let reached = batch.last?.seq ?? seq
        if batch.count < catchUpBatch && reached >= highestPublished {
            subscriber.catchingUp = false
        }
        subscribers[id] = subscriber
    }

    func wake(_ id: Int) {
        let waiter = subscribers[id]?.waiter
        subscribers[id]?.waiter = nil
        waiter?.resume()
    }

    func unsubscribe(_ id: Int) {
        let waiter = subscribers.removeValue(forKey: id)?.waiter
        waiter?.resume()
    }
}
