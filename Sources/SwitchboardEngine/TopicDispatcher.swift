public import Foundation
public import Logging
public import ServiceLifecycle
public import SwitchboardCore

/// Topic mode's outbound side: fans committed events out into the durable topic-job queue, then
/// performs each conversation's oldest job in the staff group (making the topic and its card first).
///
/// Like the outbox, it is at least once and never loses a job: a job leaves the queue only after
/// Telegram took every part of it; parts already taken are recorded with a retry and skipped, and a
/// topic is stored as soon as Telegram made it, so nothing is sent twice unless a crash falls
/// between a call and its record.
public struct TopicDispatcher: Service {
    /// Tuning knobs.
    public struct Configuration: Sendable {
        /// Events read per fan-out round.
        public var pageSize: Int = 256
        /// Jobs claimed per round (each of a different conversation).
        public var batchSize: Int = 16
        /// How long a claimed job stays invisible to another round.
        public var lease: TimeInterval = 60
        /// Longest sleep when nothing wakes the dispatcher.
        public var idlePoll: TimeInterval = 5
        public var retryPolicy = RetryPolicy(maxAttempts: 20)

        /// Default configuration.
        public init() {}
    }

    let store: any TopicStore & EventLog
    let bus: any EventBus
    let groups: any StaffGroupRegistry
    let clock: any WallClock
    let configuration: Configuration
    let logger: Logger
    let jitter: @Sendable () -> Double
    let loop: WakeLoop

    /// Creates a dispatcher.
    public init(
        store: any TopicStore & EventLog,
        bus: any EventBus,
        groups: any StaffGroupRegistry,
        clock: any WallClock,
        configuration: Configuration = .init(),
        logger: Logger,
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.store = store
        self.bus = bus
        self.groups = groups
        self.clock = clock
        self.configuration = configuration
        self.logger = logger
        self.jitter = jitter
        self.loop = WakeLoop(clock: clock)
    }

    /// Tells the dispatcher a job is waiting (a notice from the staff group), so it looks at once.
    public func wake() {
        loop.wake()
    }

    /// Runs until graceful shutdown, woken by every committed event.
    public func run() async throws {
        await loop.run(name: "topic round", logger: logger, wokenBy: bus) { try await round() }
    }

    private func round() async throws -> Date {
        let read = try await fanOut()
        let handled = try await dispatchDue()
        if read == configuration.pageSize || handled > 0 { return clock.now() }
        let idleDeadline = clock.now().addingTimeInterval(configuration.idlePoll)
        return min(try await store.nextTopicJobDue() ?? idleDeadline, idleDeadline)
    }

    /// Reads one page of the event log after the cursor and queues its topic jobs. Returns how many events were read.
    @discardableResult
    public func fanOut() async throws -> Int {
        let events = try await store.events(after: try await store.topicFanOutCursor(), limit: configuration.pageSize)
        guard let last = events.last else { return 0 }
        let channels = try await groups.topicChannels()
        var drafts: [TopicJobDraft] = []
        if !channels.isEmpty {
            drafts = TopicFanOut.plan(events, snapshot: try await store.topicFanOutSnapshot(for: events), topicChannels: channels)
        }
        try await store.enqueueTopicJobs(drafts, through: last.seq)
        return events.count
    }

    /// Performs the due jobs, conversations in parallel. Returns how many were attempted.
    @discardableResult
    public func dispatchDue() async throws -> Int {
        let jobs = try await store.claimTopicJobs(limit: configuration.batchSize, now: clock.now(), lease: configuration.lease)
        await withTaskGroup(of: Void.self) { group in
            for job in jobs {
                group.addTask { await perform(job) }
            }
        }
        return jobs.count
    }

    private func perform(_ job: TopicJob) async {
        let outcome: TopicJobOutcome
        if let group = await groups.staffGroup(for: job.channelID) {
            outcome = await attempt(job, chatID: group.chatID, sender: group.sender)
        } else if (try? await groups.topicChannels().contains(job.channelID)) ?? true {
            // In topic mode but not started yet (a restart, a reload): wait for it.
            outcome = .retry(
                id: job.id,
                at: clock.now().addingTimeInterval(configuration.idlePoll),
                reason: "channel is not connected",
                partsDone: job.partsDone
            )
        } else {
            // Topic mode was turned off: nothing to write into.
            outcome = .dropped(id: job.id, reason: "channel \(job.channelID) is not in topic mode")
        }
        if case .dropped(_, let reason) = outcome {
            logger.warning("topic job dropped", metadata: ["job": "\(job.id)", "reason": "\(reason)"])
        }
        do {
            try await store.recordTopicJob(outcome)
        } catch {
            // Unrecorded, the lease runs out and the job is tried again: at least once.
            logger.error("could not record a topic job", metadata: ["job": "\(job.id)", "error": "\(error)"])
        }
    }

    private func attempt(_ job: TopicJob, chatID: Int64, sender: any StaffGroupSender) async -> TopicJobOutcome {
        var topic = job.topic.flatMap { $0.chatID == chatID ? $0 : nil }
        var partsDone = job.partsDone
        do {
            for step in TopicJobPlan.steps(job, staffChatID: chatID) {
                switch step {
                case .createTopic(let name):
                    guard let conversation = job.conversationID else { continue }
                    let thread = try await sender.createTopic(chatID: chatID, name: name)
                    let made = StaffTopic(conversationID: conversation, channelID: job.channelID, chatID: chatID, threadID: thread, cardSent: false)
                    try await store.saveStaffTopic(made, at: clock.now())
                    topic = made
                case .sendCard(let text):
                    guard var current = topic else { continue }
                    try await sender.send(.text(text), chatID: chatID, threadID: current.threadID)
                    current.cardSent = true
                    try await store.saveStaffTopic(current, at: clock.now())
                    topic = current
                case .send(let part):
                    try await sender.send(part, chatID: chatID, threadID: job.conversationID == nil ? job.threadID : topic?.threadID)
                    partsDone += 1
                case .close:
                    if let topic { try await sender.closeTopic(chatID: chatID, threadID: topic.threadID) }
                case .reopen:
                    if let topic { try await sender.reopenTopic(chatID: chatID, threadID: topic.threadID) }
                }
            }
            return .done(id: job.id)
        } catch is StaffTopicGone {
            // Deleted in Telegram: forget it, and the retry makes a new topic with a new card.
            if let conversation = job.conversationID { try? await store.forgetStaffTopic(conversation) }
            return .retry(id: job.id, at: clock.now(), reason: "the topic was deleted in Telegram", partsDone: partsDone)
        } catch {
            let failure = error as? DeliveryFailure ?? .transient(reason: "\(error)")
            switch configuration.retryPolicy.decide(attempt: job.attempts + 1, failure: failure, jitter: jitter()) {
            case .retry(let seconds):
                return .retry(id: job.id, at: clock.now().addingTimeInterval(seconds), reason: failure.reason, partsDone: partsDone)
            case .giveUp(let reason):
                return .dropped(id: job.id, reason: reason)
            }
        }
    }
}
