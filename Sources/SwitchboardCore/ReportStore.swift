public import Foundation

/// What a report is asked for: the range and the optional filters.
public struct ReportScope: Sendable {
    public var range: ReportRange
    public var channelID: ChannelID?
    public var departmentID: DepartmentID?
    public var operatorID: OperatorID?
    /// Reply times count only the desk's business hours.
    public var businessHours: Bool
    /// The moment the report is made: ongoing stretches end here.
    public var now: Date

    /// Creates a scope.
    public init(
        range: ReportRange,
        channelID: ChannelID? = nil,
        departmentID: DepartmentID? = nil,
        operatorID: OperatorID? = nil,
        businessHours: Bool = false,
        now: Date
    ) {
        self.range = range
        self.channelID = channelID
        self.departmentID = departmentID
        self.operatorID = operatorID
        self.businessHours = businessHours
        self.now = now
    }
}

/// Activity of one quarter hour (all zones' offsets are whole quarter hours, so a quarter hour
/// never straddles a local hour or day).
public struct ReportActivity: Sendable, Equatable {
    /// Start of the quarter hour, seconds since 1970.
    public var start: Double
    public var opened: Int
    public var messagesIn: Int
    public var messagesOut: Int

    /// Creates a bucket.
    public init(start: Double, opened: Int = 0, messagesIn: Int = 0, messagesOut: Int = 0) {
        self.start = start
        self.opened = opened
        self.messagesIn = messagesIn
        self.messagesOut = messagesOut
    }
}

/// An operator as the staff report lists them, with their presence log around the range.
public struct ReportOperator: Sendable, Equatable {
    public var id: OperatorID
    public var displayName: String
    /// The status their last log entry before the range set (nil: none, offline).
    public var statusBefore: PresenceStatus?
    /// Log entries inside the range, oldest first.
    public var changes: [PresenceChange]

    /// Creates a value.
    public init(id: OperatorID, displayName: String, statusBefore: PresenceStatus?, changes: [PresenceChange]) {
        self.id = id
        self.displayName = displayName
        self.statusBefore = statusBefore
        self.changes = changes
    }
}

/// One presence log entry.
public struct PresenceChange: Sendable, Equatable {
    public var at: Double
    public var status: PresenceStatus

    /// Creates a value.
    public init(at: Double, status: PresenceStatus) {
        self.at = at
        self.status = status
    }
}

/// The feedback of one conversation, with who and what it is about.
public struct ReportFeedbackRow: Sendable, Equatable {
    public var conversationID: ConversationID
    public var departmentID: DepartmentID?
    public var operatorID: OperatorID?
    public var operatorName: String?
    public var contactName: String
    public var resolved: Bool?
    public var score: Int?
    public var comment: String?
    /// When the client last answered (or was asked).
    public var updatedAt: Double

    /// Creates a row.
    public init(
        conversationID: ConversationID,
        departmentID: DepartmentID?,
        operatorID: OperatorID?,
        operatorName: String?,
        contactName: String,
        resolved: Bool?,
        score: Int?,
        comment: String?,
        updatedAt: Double
    ) {
        self.conversationID = conversationID
        self.departmentID = departmentID
        self.operatorID = operatorID
        self.operatorName = operatorName
        self.contactName = contactName
        self.resolved = resolved
        self.score = score
        self.comment = comment
        self.updatedAt = updatedAt
    }
}

/// What supervisors read: analytics, each method reading one snapshot filtered by the scope, and
/// reviews of resolved conversations.
public protocol ReportStore: Sendable {
    /// Replays the conversations that touch the range and measures them.
    func reportMeasurements(_ scope: ReportScope) async throws -> ReportMeasurements
    /// Conversations opened and messages in/out per quarter hour of the range.
    func reportActivity(_ scope: ReportScope) async throws -> [ReportActivity]
    /// Operators (of the operator/department filter) with their presence log around the range.
    func reportOperators(_ scope: ReportScope) async throws -> [ReportOperator]
    /// Every department, by id, with its name.
    func reportDepartments() async throws -> [(id: DepartmentID, name: String)]
    /// Feedback asked in the range.
    func reportFeedback(_ scope: ReportScope) async throws -> [ReportFeedbackRow]
    /// The desk's (global) business hours; nil when the desk is always open.
    func reportBusinessHours() async throws -> BusinessHours?

    // MARK: Reviews

    /// Up to `size` random conversations resolved in `start ..< end` without a review, chosen by
    /// `ReviewSampling` from `seed`.
    func reviewSample(
        start: Date,
        end: Date,
        size: Int,
        operatorID: OperatorID?,
        departmentID: DepartmentID?,
        seed: UInt64
    ) async throws -> [ReviewCandidate]
    /// Saves (or replaces) the review of a resolved conversation.
    /// - Throws: `ReviewError` when the conversation does not exist or is not resolved.
    func saveReview(conversationID: ConversationID, reviewerID: OperatorID, score: Int, comment: String, at now: Date) async throws -> Review
    /// The review of a conversation, if any.
    func review(of conversationID: ConversationID) async throws -> Review?
    /// Reviews made in `start ..< end`, of one operator's conversations or all; newest first.
    func reviews(operatorID: OperatorID?, start: Date, end: Date) async throws -> [Review]
    /// Whether the operator handled the conversation: held it or wrote a reply in it.
    func handled(_ conversationID: ConversationID, by operatorID: OperatorID) async throws -> Bool
}
