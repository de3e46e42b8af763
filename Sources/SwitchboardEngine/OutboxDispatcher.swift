public import Foundation
public import Logging
public import ServiceLifecycle
public import SwitchboardCore

/// Delivers queued replies: claims due outbox rows, sends them through the channel's adapter,
/// and records the outcome, retrying with backoff and honouring the messenger's "retry after".
///
/// Delivery is at least once: a row is leased while it is sent, and a crash before the outcome
/// is recorded lets the lease expire so the row is sent again. A live dispatcher renews the leases
/// of the rows it is still sending (`OutboxLeaseKeeper`), so a send that waits long is not doubled.
/// Once `sent` is recorded the row is gone and can never be claimed again. A reply of several parts records the parts the messenger
/// accepted with its retry, and the retry sends only the rest. An outcome the store cannot record
/// is retried, then replaced by a simpler `failed` (see `DeliveryRecording`), and kept in memory
/// meanwhile so the row is not sent again when its lease runs out.
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
        /// How a result the store refuses to record is retried before the message is marked failed.
        public var recordingPolicy = DeliveryRecording.Policy()

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
    let unrecorded = UnrecordedOutcomes()

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
        let claimedAt = clock.now()
        let items = try await store.claimOutbox(limit: configuration.batchSize, now: claimedAt, lease: configuration.lease)
        guard !items.isEmpty else { return 0 }
        let keeper = OutboxLeaseKeeper(
            ids: items.map(\.message.messageID),
            claimedAt: claimedAt,
            lease: configuration.lease,
            store: store,
            clock: clock,
            logger: logger
        )
        let keeping = Task { await keeper.run() }
        await withTaskGroup(of: Void.self) { group in
            for item in items {
                group.addTask {
                    await deliver(item)
                    await keeper.finished(item.message.messageID)
                }
            }
        }
        keeping.cancel()
        await keeping.value
        return items.count
    }

    private func deliver(_ item: OutboxItem) async {
        if let kept = await unrecorded.outcome(for: item.message.messageID) {
            // Sent (or given up) before, but not recorded: record it, never send it again.
            await record(DeliveryRecording(kept, policy: configuration.recordingPolicy, fellBack: true))
        } else {
            await record(DeliveryRecording(await attempt(item), policy: configuration.recordingPolicy))
        }
    }

    /// Writes the outcome, retrying and falling back as `DeliveryRecording` decides.
    private func record(_ recording: DeliveryRecording) async {
        var recording = recording
        let id = recording.report.messageID
        while true {
            do {
                let events = try await store.recordDelivery(recording.report, at: clock.now())
                await unrecorded.forget(id)
                await bus.publish(events)
                return
            } catch {
                let metadata: Logger.Metadata = ["message": "\(id)", "error": "\(error)"]
                switch recording.writeFailed(error: "\(error)") {
                case .retry(let seconds):
                    logger.warning("could not record delivery, retrying", metadata: metadata.merging(["in": "\(seconds)s"]) { $1 })
                    do {
                        try await clock.sleep(until: clock.now().addingTimeInterval(seconds))
                    } catch {
                        // Shutting down: the lease runs out and the next process sends the row again, at least once.
                        return
                    }
                case .fallBack:
                    logger.error("could not record delivery, marking the message failed", metadata: metadata)
                case .keepInMemory:
                    logger.error("could not record delivery; kept until the row is claimed again", metadata: metadata)
                    await unrecorded.remember(recording.report)
                    return
                }
            }
        }
    }

    private func attempt(_ item: OutboxItem) async -> DeliveryReport {
        let id = item.message.messageID
        let failure: DeliveryFailure
        var progress = item.progress
        if let adapter = await adapters.adapter(for: item.message.channelID) {
            do {
                let receipt = try await adapter.send(item.message, resuming: item.progress)
                return .sent(id, externalMessageID: receipt.externalMessageID)
            } catch let error as PartialDeliveryFailure {
                failure = error.failure
                progress = error.progress
            } catch let error as DeliveryFailure {
                failure = error
            } catch {
                failure = .transient(reason: "\(error)")
            }
        } else {
            failure = .transient(reason: "channel \(item.message.channelID) is not connected")
        }
        if case .recipientMoved(let newID, _) = failure { await follow(item.message, to: newID) }
        switch configuration.retryPolicy.decide(attempt: item.attempts + 1, failure: failure, jitter: jitter()) {
        case .retry(let seconds):
            let reason = failure.reason
            logger.info("delivery will be retried", metadata: ["message": "\(id)", "in": "\(seconds)s", "reason": "\(reason)"])
            return .retry(id, at: clock.now().addingTimeInterval(seconds), reason: reason, progress: progress)
        case .giveUp(let reason):
            logger.warning("delivery failed", metadata: ["message": "\(id)", "reason": "\(reason)"])
            return .failed(id, reason: progress.failureReason(reason), recipientUnreachable: failure.recipientUnreachable)
        }
    }
}

extension OutboxDispatcher {
    /// Records that the recipient's chat moved, through the same ingest rule as the messenger's own
    /// migration notice, so this retry and every later reply go to the new id.
    func follow(_ message: OutboundMessage, to newExternalID: String) async {
        let event = InboundEvent(
            channelID: message.channelID,
            deliveryKey: "moved:\(message.recipientExternalID):\(newExternalID)",
            sender: SenderProfile(externalID: message.recipientExternalID, displayName: ""),
            occurredAt: clock.now(),
            payload: .chatMigrated(toExternalID: newExternalID)
        )
        do {
            if case .new(let result) = try await store.ingest(event) { await bus.publish(result.events) }
            logger.info("recipient moved", metadata: ["message": "\(message.messageID)", "to": "\(newExternalID)"])
        } catch {
            logger.warning("could not record that the recipient moved", metadata: ["message": "\(message.messageID)", "error": "\(error)"])
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
        case .recipientMoved(let newID, let reason): "\(reason) (the chat moved to \(newID))"
        }
    }

    /// Whether the recipient can no longer be reached on this channel.
    public var recipientUnreachable: Bool {
        if case .permanent(_, let unreachable) = self { return unreachable }
        return false
    }
}
