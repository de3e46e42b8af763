public import Foundation
public import Logging
public import ServiceLifecycle
public import SwitchboardCore

/// Sends the desk's automatic messages and runs its timers, driven by the event log.
///
/// It reads committed events after its own cursor (kept in the database), so an event committed
/// just before a crash is still handled after the restart. Handling is idempotent: every
/// automatic message has a trigger that the store accepts once per conversation, and timers are
/// keyed, so handling an event twice sends nothing twice.
public struct AutomationService: Service {
    let store: any Store & AutomationStore
    let bus: any EventBus
    let clock: any WallClock
    let logger: Logger
    let dispatcher: OutboxDispatcher?
    let timerLoop: WakeLoop
    let batchSize = 256

    /// Creates the service.
    /// - Parameter dispatcher: woken after each automatic message so it is sent at once.
    public init(store: any Store & AutomationStore, bus: any EventBus, clock: any WallClock, logger: Logger, dispatcher: OutboxDispatcher?) {
        self.store = store
        self.bus = bus
        self.clock = clock
        self.logger = logger
        self.dispatcher = dispatcher
        self.timerLoop = WakeLoop(clock: clock)
    }

    /// The timer service (auto-close); run it beside this one.
    public var scheduler: Scheduler {
        Scheduler(timers: store, clock: clock, logger: logger, loop: timerLoop) { timer in try await fire(timer) }
    }

    /// Runs until graceful shutdown: catches up with the log, then follows the bus.
    public func run() async throws {
        // Subscribe before catching up, so nothing committed in between is waited for in vain.
        let subscription = try await bus.subscribe(after: nil)
        await withGracefulShutdownHandler {
            do {
                var handledThrough = try await catchUpLogging() ?? 0
                // Each published event only wakes the loop; the events themselves are read from the log.
                // A round reads everything committed so far, so the events it already handled (most of a
                // burst) wake nothing: without this, each of them cost a round of reads that found nothing.
                for try await event in subscription where event.seq > handledThrough {
                    handledThrough = try await catchUpLogging() ?? handledThrough
                }
            } catch {
                logger.debug("automation stopped", metadata: ["reason": "\(error)"])
            }
        } onGracefulShutdown: {
            Task { await subscription.cancel() }
        }
        await subscription.cancel()
    }

    /// Handles every committed event after the cursor, then moves the cursor.
    /// - Returns: how many events were read.
    @discardableResult
    public func catchUp() async throws -> Int {
        try await catchUpRound().handled
    }

    /// `catchUp`, also returning the cursor it leaves: every event up to it is handled.
    private func catchUpRound() async throws -> (handled: Int, cursor: Int64) {
        var cursor = try await store.automationCursor()
        var total = 0
        while true {
            let events = try await store.events(after: cursor, limit: batchSize)
            guard let last = events.last else { return (total, cursor) }
            for event in events {
                do {
                    try await handle(event)
                } catch is CancellationError {
                    throw CancellationError()
                } catch {
                    // One event that cannot be handled must not stall every later one: log it and go on.
                    logger.error(
                        "automation skipped an event",
                        metadata: ["seq": "\(event.seq)", "kind": "\(event.kind.rawValue)", "error": "\(error)"]
                    )
                }
            }
            try await store.saveAutomationCursor(last.seq)
            cursor = last.seq
            total += events.count
        }
    }

    /// A round of `catchUp`; nil when it failed.
    private func catchUpLogging() async throws -> Int64? {
        do {
            return try await catchUpRound().cursor
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            // The cursor did not move: the same events are handled again on the next wake-up.
            logger.error("automation round failed", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// Reacts to one committed event.
    func handle(_ event: Event) async throws {
        guard let conversationID = event.conversationID else { return }
        switch event.kind {
        case .conversationOpened:
            try await conversationOpened(conversationID, at: event.occurredAt)
        case .messageCreated:
            let message = try Self.decoder.decode(Message.self, from: Data(event.payload.utf8))
            // A held message (banned contact, muted identity) starts nothing, not even the idle timer.
            guard message.direction != .internalNote, message.author != .bot, message.author != .system, message.hold == nil else { return }
            try await scheduleAutoClose(conversationID, idleFrom: message.createdAt)
        case .conversationAssigned:
            try await greet(conversationID)
        case .conversationEscalated:
            try await escalated(conversationID, at: event.occurredAt)
        case .conversationStatusChanged:
            try await statusChanged(conversationID)
        case .identityMuted:
            let mute = try Self.decoder.decode(FloodMutePayload.self, from: Data(event.payload.utf8))
            try await floodMuted(mute)
        case .conversationFeedback:
            let feedback = try Self.decoder.decode(ConversationFeedback.self, from: Data(event.payload.utf8))
            try await askFeedback(feedback)
        default:
            return
        }
    }

    /// Stores a bot message (once per trigger), publishes it and wakes the dispatcher.
    func send(_ draft: BotMessageDraft) async throws {
        guard let enqueued = try await store.enqueueBotMessage(draft, at: clock.now()) else { return }
        await bus.publish(enqueued.events)
        dispatcher?.wake()
    }

    static let decoder = EventPayloadCoding.decoder()
}
