/// What the reports need of one conversation's history: when it opened, its status changes and
/// assignments (from the event log, in commit order) and its messages (in order).
public struct ReportTimeline: Sendable, Equatable {
    /// A recorded change of the conversation.
    public enum Change: Sendable, Equatable {
        /// The status moved; `reopened` when it left `resolved`.
        case status(ConversationStatus, reopened: Bool)
        /// Someone else holds it now (nil: nobody, back in the queue).
        case assigned(OperatorID?)
    }

    /// How a message counts.
    public enum MessageKind: Sendable, Equatable {
        /// The client wrote (direction `in`).
        case client
        /// An operator's reply to the client (direction `out`, author an operator).
        case reply(OperatorID)
        /// Anything else: notes, bot and system messages. Never a reply.
        case other
    }

    public var conversationID: ConversationID
    /// The conversation's current department (reports group and filter by it).
    public var departmentID: DepartmentID?
    public var openedAt: Double
    /// Changes in commit order, with their times.
    public var changes: [(at: Double, change: Change)]
    /// Messages in order, with their times.
    public var messages: [(at: Double, kind: MessageKind)]

    /// Creates a timeline.
    public init(
        conversationID: ConversationID,
        departmentID: DepartmentID?,
        openedAt: Double,
        changes: [(at: Double, change: Change)] = [],
        messages: [(at: Double, kind: MessageKind)] = []
    ) {
        self.conversationID = conversationID
        self.departmentID = departmentID
        self.openedAt = openedAt
        self.changes = changes
        self.messages = messages
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.conversationID == rhs.conversationID && lhs.departmentID == rhs.departmentID && lhs.openedAt == rhs.openedAt
            && lhs.changes.elementsEqual(rhs.changes) { $0.at == $1.at && $0.change == $1.change }
            && lhs.messages.elementsEqual(rhs.messages) { $0.at == $1.at && $0.kind == $1.kind }
    }
}

/// One measured duration and whom it belongs to.
public struct ReportSample: Sendable, Equatable {
    public var figure: ReportFigure
    /// Seconds.
    public var value: Double
    public var operatorID: OperatorID?
    public var departmentID: DepartmentID?
    public var conversationID: ConversationID

    /// Creates a sample.
    public init(figure: ReportFigure, value: Double, operatorID: OperatorID?, departmentID: DepartmentID?, conversationID: ConversationID) {
        self.figure = figure
        self.value = value
        self.operatorID = operatorID
        self.departmentID = departmentID
        self.conversationID = conversationID
    }
}
