/// How a department spreads new conversations over its online operators.
public enum AssignmentStrategy: String, Sendable, Codable, CaseIterable {
    /// Whoever got a conversation longest ago (by turn), regardless of how many they hold.
    case roundRobin = "round_robin"
    /// Whoever holds the fewest conversations now; ties go to whoever waited longest.
    case leastLoaded = "least_loaded"
}

/// An operator who could take a conversation: online, in the right department.
public struct AssignmentCandidate: Sendable, Equatable {
    public var operatorID: OperatorID
    /// Open and pending conversations the operator holds.
    public var load: Int
    /// The most the operator may hold (`Operator.maxConcurrentConversations`).
    public var capacity: Int
    /// The assignment counter value of the operator's last automatic assignment (0: never).
    public var lastTurn: Int64

    /// Creates a candidate.
    public init(operatorID: OperatorID, load: Int, capacity: Int, lastTurn: Int64 = 0) {
        self.operatorID = operatorID
        self.load = load
        self.capacity = capacity
        self.lastTurn = lastTurn
    }

    /// Whether the operator may take one more.
    public var hasRoom: Bool { load < capacity }
}

/// The pure rule that picks an operator for a waiting conversation; the store applies it in a transaction.
public enum AssignmentPolicy {
    /// Why an operator was chosen.
    public enum Reason: String, Sendable, Codable {
        /// The client's previous operator, who is available.
        case sticky
        /// The department's strategy.
        case strategy
    }

    /// Picks the operator for one conversation, or nil when nobody online has room (it keeps waiting).
    /// - Parameters:
    ///   - candidates: online operators of the conversation's department, with their load.
    ///   - strategy: the department's strategy.
    ///   - previous: the operator the client talked to last, preferred when `sticky` and they have room.
    public static func choose(
        among candidates: [AssignmentCandidate],
        strategy: AssignmentStrategy,
        sticky: Bool,
        previous: OperatorID?
    ) -> (operatorID: OperatorID, reason: Reason)? {
        let available = candidates.filter(\.hasRoom)
        if sticky, let previous, available.contains(where: { $0.operatorID == previous }) {
            return (previous, .sticky)
        }
        let ordered = available.min { lhs, rhs in
            switch strategy {
            case .roundRobin:
                return (lhs.lastTurn, lhs.operatorID.rawValue) < (rhs.lastTurn, rhs.operatorID.rawValue)
            case .leastLoaded:
                return (lhs.load, lhs.lastTurn, lhs.operatorID.rawValue) < (rhs.load, rhs.lastTurn, rhs.operatorID.rawValue)
            }
        }
        return ordered.map { ($0.operatorID, .strategy) }
    }
}
