public import Foundation

/// How a topic job's attempt ended.
public enum TopicJobOutcome: Sendable, Equatable {
    /// Every step succeeded: the job is removed.
    case done(id: Int64)
    /// Try again at `at`; `partsDone` content parts already went out and are skipped next time.
    case retry(id: Int64, at: Date, reason: String, partsDone: Int)
    /// Will never work (Telegram refused for good): removed, with the reason logged.
    case dropped(id: Int64, reason: String)
}

/// Storage of topic mode: the topics, their durable job queue and its fan-out cursor.
public protocol TopicStore: Sendable {
    /// The last event `seq` the topic fan-out handled.
    func topicFanOutCursor() async throws -> Int64
    /// The channels of the conversations `events` touch, and which of their messages came from a topic.
    func topicFanOutSnapshot(for events: [Event]) async throws -> TopicFanOut.Snapshot
    /// Queues jobs (a job whose `source` is already queued is skipped) and moves the cursor to `seq`, at once.
    func enqueueTopicJobs(_ drafts: [TopicJobDraft], through seq: Int64) async throws
    /// Leases the oldest due job of each conversation (notices outside a conversation: of each thread).
    func claimTopicJobs(limit: Int, now: Date, lease: TimeInterval) async throws -> [TopicJob]
    /// When a job is next due; nil for an empty queue.
    func nextTopicJobDue() async throws -> Date?
    /// Stores a conversation's topic as made, or its card as sent.
    func saveStaffTopic(_ topic: StaffTopic, at now: Date) async throws
    /// Forgets a topic Telegram no longer has, so the next job makes a new one.
    func forgetStaffTopic(_ conversationID: ConversationID) async throws
    /// Records how an attempt ended.
    func recordTopicJob(_ outcome: TopicJobOutcome) async throws
}
