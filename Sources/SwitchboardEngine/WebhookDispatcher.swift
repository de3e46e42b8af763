public import Foundation
public import Logging
public import ServiceLifecycle
public import SwitchboardCore

/// Sends outgoing webhooks from their durable queue: fans committed events out into per-endpoint
/// deliveries, then sends each endpoint's oldest pending delivery, retrying on the schedule.
///
/// It only ever reads the committed event log, so nothing is sent for a change that rolled back.
/// An endpoint has at most one delivery in flight and later ones wait behind it: receivers get
/// their events in `seq` order. Delivery is at least once: a crash between the answer and the
/// record sends that delivery again.
public struct WebhookDispatcher: Service {
    /// Tuning knobs.
    public struct Configuration: Sendable {
        /// Events read from the log per fan-out round.
        public var pageSize: Int = 256
        /// Longest sleep when nothing wakes the dispatcher.
        public var idlePoll: TimeInterval = 30
        public var schedule = WebhookRetrySchedule()

        /// Default configuration.
        public init() {}
    }

    let store: any WebhookStore & EventLog
    let bus: any EventBus
    let poster: any WebhookPoster
    let clock: any WallClock
    let configuration: Configuration
    let logger: Logger
    let jitter: @Sendable () -> Double
    let loop: WakeLoop

    /// Creates a dispatcher.
    /// - Parameter jitter: a source of numbers in 0..<1 for backoff jitter (injected for tests).
    public init(
        store: any WebhookStore & EventLog,
        bus: any EventBus,
        poster: any WebhookPoster,
        clock: any WallClock,
        configuration: Configuration = .init(),
        logger: Logger,
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.store = store
        self.bus = bus
        self.poster = poster
        self.clock = clock
        self.configuration = configuration
        self.logger = logger
        self.jitter = jitter
        self.loop = WakeLoop(clock: clock)
    }

    /// Tells the dispatcher something changed (an endpoint, a resend), so it looks at once.
    public func wake() {
        loop.wake()
    }

    /// Runs until graceful shutdown, woken by every committed event and by the next due retry.
    public func run() async throws {
        await loop.run(name: "webhook round", logger: logger, wokenBy: bus) { try await round() }
    }

    /// Queues and sends what is due; returns when to look again (at once after a busy round).
    /// - Throws: when the store fails; the loop backs off instead of trying again at once.
    private func round() async throws -> Date {
        let queued = try await fanOut()
        let sent = try await sendDue()
        if queued == configuration.pageSize || sent > 0 { return clock.now() }
        let idleDeadline = clock.now().addingTimeInterval(configuration.idlePoll)
        return min(try await store.nextWebhookDue() ?? idleDeadline, idleDeadline)
    }

    /// Reads one page of the log after the cursor and queues its deliveries. Returns how many events were read.
    @discardableResult
    public func fanOut() async throws -> Int {
        let cursor = try await store.webhookFanOutCursor()
        let events = try await store.events(after: cursor, limit: configuration.pageSize)
        guard let last = events.last else { return 0 }
        let drafts = WebhookFanOut.plan(events: events, webhooks: try await store.outgoingWebhooks(), now: clock.now())
        try await store.enqueueWebhookDeliveries(drafts, through: last.seq)
        return events.count
    }

    /// Sends every endpoint's due head-of-line delivery, endpoints in parallel. Returns how many were attempted.
    @discardableResult
    public func sendDue() async throws -> Int {
        let due = try await store.dueWebhookDeliveries(now: clock.now())
        await withTaskGroup(of: Void.self) { group in
            for dispatch in due {
                group.addTask { await send(dispatch) }
            }
        }
        return due.count
    }

    private func send(_ dispatch: WebhookDispatch) async {
        let post = WebhookPost(
            url: dispatch.url,
            body: Data(dispatch.delivery.body.utf8),
            secretCiphertext: dispatch.secretCiphertext,
            timestamp: Int64(clock.now().timeIntervalSince1970)
        )
        let result = await poster.post(post)
        let record = configuration.schedule.record(dispatch, result: result, at: clock.now(), jitter: jitter())
        if record.status == .failed {
            logger.warning("webhook disabled", metadata: ["webhook": "\(dispatch.delivery.webhookID)", "reason": "\(record.error ?? "")"])
        }
        do {
            try await store.recordWebhookAttempt(record)
        } catch {
            // Unrecorded, the delivery stays due and is sent again: at least once, never lost.
            logger.error("could not record a webhook attempt", metadata: ["delivery": "\(dispatch.delivery.id)", "error": "\(error)"])
        }
    }
}
