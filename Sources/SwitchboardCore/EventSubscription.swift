/// A stream of committed events in `seq` order, as handed out by an ``EventBus``.
///
/// Any bus can fill it: it carries the bus's "next event" and "detach" operations. Cancel the
/// consuming task or call ``cancel()`` to stop.
public struct EventSubscription: AsyncSequence, Sendable {
    public typealias Element = Event

    let nextEvent: @Sendable () async throws -> Event?
    let nextEvents: @Sendable () async throws -> [Event]
    let detach: @Sendable () async -> Void

    /// Creates a subscription from a bus's operations.
    /// - Parameters:
    ///   - next: the next event, waiting while the subscriber is up to date; nil once detached.
    ///   - cancel: detaches the subscriber from the bus, so a pending `next` returns nil.
    public init(next: @escaping @Sendable () async throws -> Event?, cancel: @escaping @Sendable () async -> Void) {
        self.init(next: next, nextBatch: { try await next().map { [$0] } ?? [] }, cancel: cancel)
    }

    /// Creates a subscription from a bus that can also hand out every event it holds at once.
    /// - Parameter nextBatch: the events ready now, in order, at least one (waiting while there is
    ///   none); empty once detached.
    public init(
        next: @escaping @Sendable () async throws -> Event?,
        nextBatch: @escaping @Sendable () async throws -> [Event],
        cancel: @escaping @Sendable () async -> Void
    ) {
        self.nextEvent = next
        self.nextEvents = nextBatch
        self.detach = cancel
    }

    /// The events that are ready, in `seq` order: at least one, waiting while the subscriber is up
    /// to date; empty once detached. A consumer with work to do per delivery (such as checking a
    /// session) does it once for everything a burst left waiting.
    public func nextBatch() async throws -> [Event] {
        try await nextEvents()
    }

    /// Detaches from the bus; a pending `next()` returns nil.
    public func cancel() async {
        await detach()
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(nextEvent: nextEvent)
    }

    /// Pulls the next event, waiting for one when the subscriber is up to date.
    public struct Iterator: AsyncIteratorProtocol {
        let nextEvent: @Sendable () async throws -> Event?

        public mutating func next() async throws -> Event? {
            try await nextEvent()
        }
    }
}
