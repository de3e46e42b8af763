public import SwitchboardCore

/// Stores an operator's edit or deletion of a sent reply before anything reaches the messenger,
/// publishes it, and wakes the revision dispatcher.
public struct RevisionService: Sendable {
    let store: any RevisionStore
    let bus: any EventBus
    let clock: any WallClock
    let dispatcher: RevisionDispatcher?

    /// Creates the service.
    /// - Parameter dispatcher: woken after each revision so it is carried without waiting for the next poll.
    public init(store: any RevisionStore, bus: any EventBus, clock: any WallClock, dispatcher: RevisionDispatcher?) {
        self.store = store
        self.bus = bus
        self.clock = clock
        self.dispatcher = dispatcher
    }

    /// Commits the revision (queued for the messenger) and returns the message as it is now.
    /// - Throws: `RevisionRefusal` when `RevisionRule` refuses; nothing is stored or sent then.
    public func revise(_ request: RevisionRequest) async throws -> Message {
        let (message, events) = try await store.revise(request, at: clock.now())
        await bus.publish(events)
        dispatcher?.wake()
        return message
    }

    /// A message of a conversation with its earlier texts, oldest first.
    public func edits(of messageID: MessageID, in conversationID: ConversationID) async throws -> (Message, [MessageEdit])? {
        try await store.edits(of: messageID, in: conversationID)
    }
}
