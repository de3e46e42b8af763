public import SwitchboardCore

/// Stores an operator's reply before anything is sent, publishes it, and wakes the dispatcher.
public struct ReplyService: Sendable {
    let store: any Store
    let bus: any EventBus
    let clock: any WallClock
    let dispatcher: OutboxDispatcher?

    /// Creates the service.
    /// - Parameter dispatcher: woken after each reply so it sends without waiting for its next poll.
    public init(store: any Store, bus: any EventBus, clock: any WallClock, dispatcher: OutboxDispatcher?) {
        self.store = store
        self.bus = bus
        self.clock = clock
        self.dispatcher = dispatcher
    }

    /// Commits the reply as `queued` and returns it.
    /// - Throws: `StoreError` for an unknown conversation or an empty reply.
    public func send(_ draft: ReplyDraft) async throws -> Message {
        let enqueued = try await store.enqueueReply(draft, at: clock.now())
        await bus.publish(enqueued.events)
        dispatcher?.wake()
        return enqueued.message
    }
}
