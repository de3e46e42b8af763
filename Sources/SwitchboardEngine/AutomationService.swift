public import Foundation
public import Logging
public import ServiceLifecycle
public import SwitchboardCore
import Synchronization

/// Sends the desk's automatic messages and runs its timers, driven by the event log.
///
/// It handles the events the bus hands it, so a steady stream of events costs no read of the log.
/// The log stays the source of truth: the service subscribes after its own cursor (kept in the
/// database), the bus reads what it missed from the log on start and whenever it falls behind, and
/// the cursor is saved a moment after it moves rather than once per event, so a crash means some
/// events are handled again. Handling is idempotent: every automatic message has a trigger that the
/// store accepts once per conversation, and timers are keyed, so handling an event twice sends
/// nothing twice.
public struct AutomationService: Service {
    let store: any Store & AutomationStore
    let bus: any EventBus
    let clock: any WallClock
    let logger: Logger
    let dispatcher: OutboxDispatcher?
    let timerLoop: WakeLoop
    let batchSize = 256
    let cursorInterval: Duration

    /// Creates the service.
    /// - Parameters:
    ///   - dispatcher: woken after each automatic message so it is sent at once.
    ///   - cursorInterval: how long cursor moves are gathered into one write.
    public init(
        store: any Store & AutomationStore,
        bus: any EventBus,
        clock: any WallClock,
        logger: Logger,
        dispatcher: OutboxDispatcher?,
        cursorInterval: Duration = .milliseconds(200)
    ) {
        self.store = store
        self.bus = bus
        self.clock = clock
        self.logger = logger
        self.dispatcher = dispatcher
        self.timerLoop = WakeLoop(clock: clock)
        self.cursorInterval = cursorInterval
    }

    /// The timer service (auto-close); run it beside this one.
    public var scheduler: Scheduler {
        Scheduler(timers: store, clock: clock, logger: logger, loop: timerLoop) { timer in try await fire(timer) }
    }

    /// Runs until graceful shutdown: follows the bus from the saved cursor, then saves where it got.
    public func run() async throws {
        let current = Followed()
        await withGracefulShutdownHandler {
            await follow(current)
        } onGracefulShutdown: {
            // The event being handled is finished; the wait for the next one ends.
            if let subscription = current.subscription.withLock({ $0 }) { Task { await subscription.cancel() } }
        }
    }

    /// The subscription being followed, for the shutdown handler to end.
    private final class Followed: Sendable {
        let subscription = Mutex<EventSubscription?>(nil)
    }

    private func follow(_ current: Followed) async {
        var backoff = FailureBackoff()
        var cursor: CoalescedCursor?
        await withTaskGroup(of: Void.self) { group in
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                do {
                    let saved = try await store.automationCursor()
                    let position =
                        cursor
                        ?? CoalescedCursor(saved: saved, interval: cursorInterval, logger: logger) { [store] seq in
                            try await store.saveAutomationCursor(seq)
                        }
                    if cursor == nil {
                        cursor = position
                        group.addTask { await position.run() }
                    }
                    // After a failure the service resumes where it got, not where the database says.
                    let subscription = try await bus.subscribe(after: max(saved, position.handled))
                    current.subscription.withLock { $0 = subscription }
                    if Task.isShuttingDownGracefully { await subscription.cancel() }
                    for try await batch in subscription.batches(max: batchSize) {
                        for event in batch { try await handleLogging(event) }
                        await position.advance(to: batch[batch.count - 1].seq)
                        backoff.succeeded()
                    }
                    break
                } catch is CancellationError {
                    break
                } catch {
                    let delay = backoff.failed()
                    logger.error("automation round failed", metadata: ["error": "\(error)", "retryIn": "\(delay)s"])
                    try? await clock.sleep(until: clock.now().addingTimeInterval(delay))
                }
            }
            await cursor?.finish()
        }
    }

    /// Handles every committed event after the cursor, then moves the cursor.
    /// - Returns: how many events were read.
    @discardableResult
    public func catchUp() async throws -> Int {
        var total = 0
        while true {
            let events = try await store.events(after: try await store.automationCursor(), limit: batchSize)
            guard let last = events.last else { return total }
            for event in events { try await handleLogging(event) }
            try await store.saveAutomationCursor(last.seq)
            total += events.count
        }
    }

    /// Handles one event; one that cannot be handled must not stall every later one, so its error
    /// is logged and the service goes on.
    private func handleLogging(_ event: Event) async throws {
        do {
            try await handle(event)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            logger.error(
                "automation skipped an event",
                metadata: ["seq": "\(event.seq)", "kind": "\(event.kind.rawValue)", "error": "\(error)"]
            )
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

/// A cursor that moves with every handled batch but reaches the database at most once per
/// `interval`, a little after it moved, instead of one write transaction per event competing with
/// ingest for the single writer. What it costs: after a crash the work of the last interval is done
/// again, which the cursor's owner must make harmless (idempotent handling).
final class CoalescedCursor: Sendable {
    private struct Positions {
        var latest: Int64
        var saved: Int64
        var finished = false
    }

    private let positions: Mutex<Positions>
    private let moved = WakeSignal()
    private let finishing = WakeSignal()
    private let save: @Sendable (Int64) async throws -> Void
    private let interval: Duration
    private let logger: Logger

    /// - Parameters:
    ///   - saved: the position already in the database.
    ///   - interval: how long moves are gathered before one write; a delay of I/O, not a business
    ///     time, so it runs on the system clock.
    ///   - save: writes a position.
    init(saved: Int64, interval: Duration, logger: Logger, save: @escaping @Sendable (Int64) async throws -> Void) {
        positions = Mutex(Positions(latest: saved, saved: saved))
        self.interval = interval
        self.logger = logger
        self.save = save
    }

    /// Notes that everything up to `seq` is handled.
    func advance(to seq: Int64) async {
        let changed = positions.withLock { positions in
            guard seq > positions.latest else { return false }
            positions.latest = seq
            return true
        }
        if changed { await moved.signal() }
    }

    /// The latest position handed to ``advance(to:)``.
    var handled: Int64 { positions.withLock { $0.latest } }

    /// Makes ``run()`` write the latest position at once and return.
    func finish() async {
        positions.withLock { $0.finished = true }
        await moved.signal()
        await finishing.signal()
    }

    /// Writes the latest position a moment after each move, until ``finish()`` or cancellation.
    /// It is the only writer, so an older position never lands after a newer one.
    func run() async {
        while true {
            await moved.wait()
            if !isDone { await gather() }
            await flush()
            if isDone { return }
        }
    }

    /// Lets moves gather for `interval`, or until ``finish()``.
    private func gather() async {
        await withTaskGroup(of: Void.self) { [interval, finishing] group in
            group.addTask { try? await Task.sleep(for: interval) }
            group.addTask { await finishing.wait() }
            await group.next()
            group.cancelAll()
        }
    }

    private var isDone: Bool { positions.withLock { $0.finished } || Task.isCancelled }

    private func flush() async {
        let (latest, saved) = positions.withLock { ($0.latest, $0.saved) }
        guard latest > saved else { return }
        do {
            try await save(latest)
            positions.withLock { $0.saved = latest }
        } catch {
            // The next move tries again; until then a restart handles these events once more.
            logger.error("automation cursor not saved", metadata: ["seq": "\(latest)", "error": "\(error)"])
        }
    }
}
