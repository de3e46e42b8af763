public import Foundation
public import Logging
public import ServiceLifecycle
public import SwitchboardCore

/// Presence, queues and assignment: applies `AssignmentPolicy` through the store whenever an
/// operator may have become free (a conversation resolved or transferred, someone came online)
/// or a conversation started waiting, and takes operators offline when their sessions go quiet.
///
/// All state is in the database: the queue is the set of open conversations nobody holds, and a
/// restart simply runs the next pass over it.
public struct RoutingService: Service {
    /// Tuning knobs.
    public struct Configuration: Sendable {
        /// An online or away operator whose sessions are not seen for this long goes offline.
        public var presenceTimeout: TimeInterval = 900
        /// Longest sleep between passes when nothing wakes the service (a safety net; events wake it).
        public var sweepInterval: TimeInterval = 60
        /// Session activity is written at most this often per operator.
        public var activityResolution: TimeInterval = 30

        /// Default configuration.
        public init() {}
    }

    /// Where presence, queues and routing settings live.
    public let store: any RoutingStore
    let bus: any EventBus
    let clock: any WallClock
    /// The timeouts in force.
    public let configuration: Configuration
    let logger: Logger
    let loop: WakeLoop
    let activity = ActivityThrottle()

    /// Creates the service.
    public init(store: any RoutingStore, bus: any EventBus, clock: any WallClock, configuration: Configuration = .init(), logger: Logger) {
        self.store = store
        self.bus = bus
        self.clock = clock
        self.configuration = configuration
        self.logger = logger
        self.loop = WakeLoop(clock: clock)
    }

    /// Sets an operator's presence; coming online assigns waiting conversations at once.
    /// - Throws: `StoreError.notFound` for an unknown operator.
    @discardableResult
    public func setPresence(_ operatorID: OperatorID, to status: PresenceStatus) async throws -> Operator {
        let (value, events) = try await store.setPresence(operatorID, to: status, reason: .manual, at: clock.now())
        await activity.forget(operatorID)
        await bus.publish(events)
        if status == .online { try await assignWaiting() }
        return value
    }

    /// Notes that an operator's session was used (throttled so requests do not each write).
    public func recordActivity(of operatorID: OperatorID) async throws {
        let now = clock.now()
        guard await activity.shouldRecord(operatorID, at: now, resolution: configuration.activityResolution) else { return }
        try await store.recordActivity(operatorID, at: now)
    }

    /// One assignment pass over every queue; returns the assignment events it published.
    @discardableResult
    public func assignWaiting() async throws -> [Event] {
        let events = try await store.assignWaiting(at: clock.now())
        await bus.publish(events)
        return events
    }

    /// Takes offline the operators not seen for `presenceTimeout`; returns the published events.
    @discardableResult
    public func expireIdlePresence() async throws -> [Event] {
        let now = clock.now()
        let events = try await store.expirePresence(notSeenSince: now.addingTimeInterval(-configuration.presenceTimeout), at: now)
        await bus.publish(events)
        return events
    }

    /// Moves a conversation to a department's queue with a note, then assigns if someone there has room.
    /// - Throws: `StoreError.notFound` for an unknown conversation or department.
    public func transfer(_ conversationID: ConversationID, toDepartment departmentID: DepartmentID, by actor: OperatorID?, note: String?) async throws
    {
        await bus.publish(try await store.transfer(conversationID, toDepartment: departmentID, by: actor, note: note, at: clock.now()))
        try await assignWaiting()
    }

    /// The client picked a department (from the start keyboard): the conversation waits in that queue.
    /// - Throws: `StoreError.notFound` for an unknown conversation or department.
    public func chooseDepartment(_ conversationID: ConversationID, _ departmentID: DepartmentID) async throws {
        try await transfer(conversationID, toDepartment: departmentID, by: nil, note: nil)
    }

    /// Runs until graceful shutdown: a pass at start (the queue survived a restart), then one
    /// whenever an event may free an operator or add to a queue, or a presence timeout falls due.
    public func run() async throws {
        let subscription = try await bus.subscribe(after: nil)
        let loop = self.loop
        let logger = self.logger
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    for try await event in subscription where Self.mayChangeAssignment(event.kind) {
                        loop.wake()
                    }
                } catch {
                    // Cancelled at shutdown.
                }
            }
            group.addTask { await loop.run(name: "routing pass", logger: logger) { try await pass() } }
            await group.next()
            group.cancelAll()
        }
        await subscription.cancel()
    }

    /// One pass; returns when the next presence timeout (or the safety-net sweep) falls due.
    /// - Throws: when the store fails; the loop backs off instead of trying again at once.
    private func pass() async throws -> Date {
        try await expireIdlePresence()
        try await assignWaiting()
        let sweep = clock.now().addingTimeInterval(configuration.sweepInterval)
        let oldest = try await store.oldestActivityOfPresentOperators()
        return oldest.map { min(sweep, $0.addingTimeInterval(configuration.presenceTimeout)) } ?? sweep
    }

    static func mayChangeAssignment(_ kind: EventKind) -> Bool {
        switch kind {
        case .conversationOpened, .conversationStatusChanged, .conversationAssigned, .conversationEscalated, .operatorPresenceChanged,
            .conversationDepartmentChanged:
            true
        default:
            false
        }
    }
}

/// Remembers when each operator's activity was last written, so it is written at most once per resolution.
actor ActivityThrottle {
    private var recorded: [OperatorID: Date] = [:]

    func shouldRecord(_ operatorID: OperatorID, at now: Date, resolution: TimeInterval) -> Bool {
        if let last = recorded[operatorID], now.timeIntervalSince(last) < resolution, now >= last { return false }
        recorded[operatorID] = now
        return true
    }

    func forget(_ operatorID: OperatorID) {
        recorded[operatorID] = nil
    }
}
