public import Foundation
public import Logging
public import ServiceLifecycle
public import SwitchboardCore

/// Delivers queued replies: claims due outbox rows, sends them through the channel's adapter,
/// and records the outcome, retrying with backoff and honouring the messenger's "retry after".
///
/// Delivery is at least once: a row is leased while it is sent, and a crash before the outcome
/// is recorded lets the lease expire so the row is sent again. Once `sent` is recorded the row is
/// gone and can never be claimed again.
public struct OutboxDispatcher: Service {
    /// Tuning knobs.
    public struct Configuration: Sendable {
        /// Rows claimed per round; each belongs to a different conversation and is sent concurrently.
        public var batchSize: Int = 32
        /// How long a claimed row stays invisible to other dispatchers.
        public var lease: TimeInterval = 60
        /// Longest sleep between rounds when nothing wakes the dispatcher.
        public var idlePoll: TimeInterval = 5
        public var retryPolicy = RetryPolicy()

        /// Default configuration.
        public init() {}
    }

    let store: any Store
    let adapters: any ChannelAdapterRegistry
    let bus: any EventBus
    let clock: any WallClock
    let configuration: Configuration
    let logger: Logger
    let jitter: @Sendable () -> Double
    let loop: WakeLoop

    /// Creates a dispatcher.
    /// - Parameter jitter: a source of numbers in 0..<1 for backoff jitter (injected for tests).
    public init(
        store: any Store,
        adapters: any ChannelAdapterRegistry,
        bus: any EventBus,
        clock: any WallClock,
        configuration: Configuration = .init(),
        logger: Logger,
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.store = store
        self.adapters = adapters
        self.bus = bus
        self.clock = clock
        self.configuration = configuration
        self.logger = logger
        self.jitter = jitter
        self.loop = WakeLoop(clock: clock)
    }

    /// Tells the dispatcher a new reply is waiting, so it does not wait for its next poll.
    public func wake() {
        loop.wake()
    }

    /// Runs until graceful shutdown; in-flight sends finish and are recorded before it returns.
    public func run() async throws {
        await loop.run(name: "outbox round", logger: logger) { try await round() }
    }

    /// Dispatches what is due; returns when to look again (at once after a busy round).
    /// - Throws: when the store fails; the loop backs off instead of trying again at once.
    private func round() async throws -> Date {
        if try await dispatchDue() > 0 { return clock.now() }
        let idleDeadline = clock.now().addingTimeInterval(configuration.idlePoll)
        return min(try await store.nextOutboxDue() ?? idleDeadline, idleDeadline)
    }

    /// One round: claims due rows and delivers them. Returns how many rows were handled.
    @discardableResult
    public func dispatchDue() async throws -> Int {
        let items = try await store.claimOutbox(limit: configuration.batchSize, now: clock.now(), lease: configuration.lease)
        await withTaskGroup(of: Void.self) { group in
            for item in items {
                group.addTask { await deliver(item) }
            }
        }
        return items.count
    }

    private func deliver(_ item: OutboxItem) async {
        let report = await attempt(item)
        do {
            let events = try await store.recordDelivery(report, at: clock.now())
            await bus.publish(events)
        } catch {
            // The lease will expire and the row be sent again: at least once, never lost.
            logger.error("could not record delivery", metadata: ["message": "\(item.message.messageID)", "error": "\(error)"])
        }
    }

    private func attempt(_ item: OutboxItem) async -> DeliveryReport {
        let id = item.message.messageID
        let failure: DeliveryFailure
        if let adapter = await adapters.adapter(for: item.message.channelID) {
            do {
                let receipt = try await adapter.send(item.message)
                return .sent(id, externalMessageID: receipt.externalMessageID)
            } catch let error as DeliveryFailure {
                failure = error
            } catch {
                failure = .transient(reason: "\(error)")
            }
        } else {
            failure = .transient(reason: "channel \(item.message.channelID) is not connected")
        }
        switch configuration.retryPolicy.decide(attempt: item.attempts + 1, failure: failure, jitter: jitter()) {
        case .retry(let seconds):
            let reason = failure.reason
            logger.info("delivery will be retried", metadata: ["message": "\(id)", "in": "\(seconds)s", "reason": "\(reason)"])
            return .retry(id, at: clock.now().addingTimeInterval(seconds), reason: reason)
        case .giveUp(let reason):
            logger.warning("delivery failed", metadata: ["message": "\(id)", "reason": "\(reason)"])
            return .failed(id, reason: reason, recipientUnreachable: failure.recipientUnreachable)
        }
    }
}

extension DeliveryFailure {
    /// The human-readable reason, as shown to the operator.
    public var reason: String {
        switch self {
        case .retryAfter(let seconds, let reason): "\(reason) (retry after \(seconds) s)"
        case .transient(let reason): reason
        case .permanent(let reason, _): reason
        }
    }

    /// Whether the recipient can no longer be reached on this channel.
    public var recipientUnreachable: Bool {
        if case .permanent(_, let unreachable) = self { return unreachable }
        return false
    }
}
