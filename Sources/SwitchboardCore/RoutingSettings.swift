public import Foundation

/// How one queue is served: the department's own, or the desk-wide default for conversations without a department.
public struct QueueRouting: Sendable, Codable, Equatable {
    public var strategy: AssignmentStrategy
    /// Send a returning client to the operator they talked to last, when that operator has room.
    public var sticky: Bool

    /// Creates a queue's routing (least-loaded and sticky unless told otherwise).
    public init(strategy: AssignmentStrategy = .leastLoaded, sticky: Bool = true) {
        self.strategy = strategy
        self.sticky = sticky
    }
}

/// Desk-wide routing settings, changed by admins.
public struct RoutingSettings: Sendable, Codable, Equatable {
    /// How conversations without a department are assigned.
    public var defaultRouting: QueueRouting
    /// Words a client types to reach a human now (see `Escalation`).
    public var escalationWords: [String]

    /// Creates settings with the defaults.
    public init(defaultRouting: QueueRouting = QueueRouting(), escalationWords: [String] = Escalation.defaultWords) {
        self.defaultRouting = defaultRouting
        self.escalationWords = escalationWords
    }
}

/// A department with how its queue is served.
public struct DepartmentRouting: Sendable, Codable, Equatable {
    public var department: Department
    public var routing: QueueRouting
    /// Operators who belong to it.
    public var operatorIDs: [OperatorID]

    /// Creates a value.
    public init(department: Department, routing: QueueRouting, operatorIDs: [OperatorID] = []) {
        self.department = department
        self.routing = routing
        self.operatorIDs = operatorIDs
    }
}

/// A channel's routing: the department its conversations start in and whether the client picks one.
public struct ChannelRouting: Sendable, Codable, Equatable {
    public var channelID: ChannelID
    public var defaultDepartmentID: DepartmentID?
    /// Offer the client a short keyboard of departments when a conversation starts.
    public var askDepartment: Bool
    /// In group chats, every message is for the desk, not only those addressed to the bot (see `GroupAddressRule`).
    public var answersEveryGroupMessage: Bool

    /// How long a new conversation waits for the client's department choice before it is
    /// assigned in the channel's default department anyway (asking for a human skips the wait).
    public static let departmentChoiceWait: TimeInterval = 120

    /// Creates a value.
    public init(channelID: ChannelID, defaultDepartmentID: DepartmentID?, askDepartment: Bool, answersEveryGroupMessage: Bool = false) {
        self.channelID = channelID
        self.answersEveryGroupMessage = answersEveryGroupMessage
        self.defaultDepartmentID = defaultDepartmentID
        self.askDepartment = askDepartment
    }
}

/// Why an operator's presence changed.
public enum PresenceChangeReason: String, Sendable, Codable {
    /// The operator (or an admin) set it.
    case manual
    /// No session was seen for the configured time.
    case timeout
}

/// One row of the presence log: what schedules and analytics are drawn from.
public struct PresenceLogEntry: Sendable, Codable, Equatable {
    public var operatorID: OperatorID
    public var status: PresenceStatus
    public var at: Date
    public var reason: PresenceChangeReason

    /// Creates an entry.
    public init(operatorID: OperatorID, status: PresenceStatus, at: Date, reason: PresenceChangeReason) {
        self.operatorID = operatorID
        self.status = status
        self.at = at
        self.reason = reason
    }
}

/// A conversation waiting for an operator, in queue order.
public struct QueuedConversation: Sendable, Codable, Equatable {
    public var conversationID: ConversationID
    public var departmentID: DepartmentID?
    /// Escalated conversations come first.
    public var escalated: Bool
    public var waitingSince: Date
    /// 1 for the next to be assigned in its department's queue.
    public var position: Int

    /// Creates a value.
    public init(conversationID: ConversationID, departmentID: DepartmentID?, escalated: Bool, waitingSince: Date, position: Int) {
        self.conversationID = conversationID
        self.departmentID = departmentID
        self.escalated = escalated
        self.waitingSince = waitingSince
        self.position = position
    }
}
