import Foundation
public import Logging
public import ServiceLifecycle
public import SwitchboardCore

/// Carries operators' stored edits and deletions to the messengers, as the outbox dispatcher carries
/// replies: claims due revisions with a lease, calls the channel's `MessageReviser`, and records the
/// outcome, retrying with the same backoff and "retry after" rules.
///
/// At least once, and harmless when repeated: the adapter treats "message is not modified" (an edit
/// already applied) and "message to delete not found" (a part already deleted) as done, so an attempt
/// repeated after a crash or a lost answer changes nothing twice.
public struct RevisionDispatcher: Service {
    let store: any RevisionStore
    let adapters: any ChannelAdapterRegistry
    let bus: any EventBus
    let clock: any WallClock
    let configuration: OutboxDispatcher.Configuration
    let logger: Logger
    let jitter: @Sendable () -> Double
    let loop: WakeLoop

    /// Creates a dispatcher.
    /// - Parameter jitter: a source of numbers in 0..<1 for backoff jitter (injected for tests).
    public init(
        store: any RevisionStore,
        adapters: any ChannelAdapterRegistry,
        bus: any EventBus,
        clock: any WallClock,
        configuration: OutboxDispatcher.Configuration = .init(),
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

    /// Tells the dispatcher a revision is waiting.
    public func wake() {
        loop.wake()
    }

    /// Runs until graceful shutdown.
    public func run() async throws {
        await loop.run(name: "revision round", logger: logger) {
            if try await dispatchDue() > 0 { return clock.now() }
            let idleDeadline = clock.now().addingTimeInterval(configuration.idlePoll)
            return min(try await store.nextRevisionDue() ?? idleDeadline, idleDeadline)
        }
    }

    /// One round: claims due revisions and carries them. Returns how many were handled.
    @discardableResult
    public func dispatchDue() async throws -> Int {
        let items = try await store.claimRevisions(limit: configuration.batchSize, now: clock.now(), lease: configuration.lease)
        await withTaskGroup(of: Void.self) { group in
            for item in items {
                group.addTask {
                    let report = await attempt(item)
                    do {
                        await bus.publish(try await store.recordRevision(report, at: clock.now()))
                    } catch {
                        // Unrecorded: the lease runs out and the revision is tried again, which is harmless
                        // (an applied edit is "not modified", a deleted part "not found").
                        logger.error("could not record a revision's result", metadata: ["revision": "\(item.revisionID)", "error": "\(error)"])
                    }
                }
            }
        }
        return items.count
    }

    private func attempt(_ item: RevisionItem) async -> RevisionReport {
        let id = item.revisionID
        let failure: DeliveryFailure
        if let adapter = await adapters.adapter(for: item.channelID) {
            guard let reviser = adapter as? any MessageReviser else {
                return .failed(revisionID: id, reason: "this messenger does not let bots edit or delete sent messages")
            }
            do {
                switch item.kind {
                case .edit: try await reviser.edit(item)
                case .delete: try await reviser.delete(item)
                }
                return .applied(revisionID: id)
            } catch let error as DeliveryFailure {
                failure = error
            } catch {
                failure = .transient(reason: "\(error)")
            }
        } else {
            failure = .transient(reason: "channel \(item.channelID) is not connected")
        }
        switch configuration.retryPolicy.decide(attempt: item.attempts + 1, failure: failure, jitter: jitter()) {
        case .retry(let seconds):
            logger.info("revision will be retried", metadata: ["revision": "\(id)", "in": "\(seconds)s", "reason": "\(failure.reason)"])
            return .retry(revisionID: id, at: clock.now().addingTimeInterval(seconds), reason: failure.reason)
        case .giveUp(let reason):
            logger.warning("revision failed", metadata: ["revision": "\(id)", "reason": "\(reason)"])
            return .failed(revisionID: id, reason: reason)
        }
    }
}
