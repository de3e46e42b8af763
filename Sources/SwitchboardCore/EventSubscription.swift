/// A stream of committed events in `seq` order, as handed out by an ``EventBus``.
///
/// Any bus can fill it: it carries the bus's "next events" and "detach" operations. Iterate it
/// event by event, or with ``batches(max:)`` take everything already waiting at once, so a
/// consumer pays its per-wake cost (a session check, a cursor write) once per batch. Cancel the
/// consuming task or call ``cancel()`` to stop.
public struct EventSubscription: AsyncSequence, Sendable {
    public typealias Element = Event

    let nextEvents: @Sendable (Int) async throws -> [Event]
    let detach: @Sendable () async -> Void

    /// Creates a subscription from a bus's operations.
    /// - Parameters:
    ///   - next: the next event, waiting while the subscriber is up to date; nil once detached.
    ///   - cancel: detaches the subscriber from the bus, so a pending `next` returns nil.
    public init(next: @escaping @Sendable () async throws -> Event?, cancel: @escaping @Sendable () async -> Void) {
        self.nextEvents = { _ in try await next().map { [$0] } ?? [] }
        self.detach = cancel
    }

    /// Creates a subscription from a bus that hands out events in batches.
    /// - Parameters:
    ///   - nextBatch: the events waiting for the subscriber, at least one and at most the argument,
    ///     waiting while it is up to date; empty once detached.
    ///   - cancel: detaches the subscriber from the bus, so a pending call returns empty.
    public init(nextBatch: @escaping @Sendable (Int) async throws -> [Event], cancel: @escaping @Sendable () async -> Void) {
        self.nextEvents = nextBatch
        self.detach = cancel
    }

    /// Detaches from the bus; a pending `next()` returns nil.
    public func cancel() async {
        await detach()
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(nextEvents: nextEvents)
    }

    /// The same events, as the runs of them that are waiting when the consumer asks.
    /// - Parameter max: the most events in one batch.
    public func batches(max: Int) -> Batches {
        Batches(nextEvents: nextEvents, max: max)
    }

    /// Pulls the next event, waiting for one when the subscriber is up to date.
    public struct Iterator: AsyncIteratorProtocol {
        let nextEvents: @Sendable (Int) async throws -> [Event]

        public mutating func next() async throws -> Event? {
            try await nextEvents(1).first
        }
    }

    /// Batches of events in `seq` order, never empty; see ``EventSubscription/batches(max:)``.
    public struct Batches: AsyncSequence, Sendable {
        public typealias Element = [Event]

        let nextEvents: @Sendable (Int) async throws -> [Event]
        let max: Int

        public func makeAsyncIterator() -> Iterator {
            Iterator(nextEvents: nextEvents, max: max)
        }

        /// Pulls the next batch, waiting for an event when the subscriber is up to date.
        public struct Iterator: AsyncIteratorProtocol {
            let nextEvents: @Sendable (Int) async throws -> [Event]
            let max: Int

            public mutating func next() async throws -> [Event]? {
                let batch = try await nextEvents(max)
                return batch.isEmpty ? nil : batch
            }
        }
    }
}
