public import Foundation

/// What one automatic-assignment pass reads: the queue, the operators who could take from it, and the routing.
public struct AssignmentSnapshot: Sendable, Equatable {
    /// A conversation in the queue.
    public struct Waiting: Sendable, Equatable {
        public var conversationID: ConversationID
        public var contactID: ContactID
        public var departmentID: DepartmentID?
        /// The client is still picking a department from the start keyboard.
        public var awaitingDepartment: Bool
        /// When it joined the queue (or opened).
        public var waitingSince: Date
        /// Whoever held this conversation before it was released.
        public var previousAssignee: OperatorID?
        /// The client is banned: the conversation stays out of everyone's way.
        public var contactBanned: Bool

        /// Creates a queue entry.
        public init(
            conversationID: ConversationID,
            contactID: ContactID,
            departmentID: DepartmentID? = nil,
            awaitingDepartment: Bool = false,
            waitingSince: Date,
            previousAssignee: OperatorID? = nil,
            contactBanned: Bool = false
        ) {
            self.conversationID = conversationID
            self.contactID = contactID
            self.departmentID = departmentID
            self.awaitingDepartment = awaitingDepartment
            self.waitingSince = waitingSince
            self.previousAssignee = previousAssignee
            self.contactBanned = contactBanned
        }
    }

    /// Who holds (or held) a client's most recent conversation that had an operator.
    public struct Holder: Sendable, Equatable {
        public var conversationID: ConversationID
        public var operatorID: OperatorID

        /// Creates a holder.
        public init(conversationID: ConversationID, operatorID: OperatorID) {
            self.conversationID = conversationID
            self.operatorID = operatorID
        }
    }

    /// The queue in its order: escalated first, then longest waiting.
    public var waiting: [Waiting]
    /// Active online operators with their load, in id order.
    public var candidates: [AssignmentCandidate]
    /// The operators of each department.
    public var members: [DepartmentID: Set<OperatorID>]
    /// Each department's routing.
    public var departments: [DepartmentID: QueueRouting]
    /// The routing of conversations with no department.
    public var defaultRouting: QueueRouting
    /// Each waiting client's most recent held conversation.
    public var latestHolders: [ContactID: Holder]
    /// The assignment counter's current value (the highest `lastTurn` of any operator).
    public var turn: Int64

    /// Creates a snapshot.
    public init(
        waiting: [Waiting],
        candidates: [AssignmentCandidate],
        members: [DepartmentID: Set<OperatorID>] = [:],
        departments: [DepartmentID: QueueRouting] = [:],
        defaultRouting: QueueRouting = QueueRouting(),
        latestHolders: [ContactID: Holder] = [:],
        turn: Int64 = 0
    ) {
        self.waiting = waiting
        self.candidates = candidates
        self.members = members
        self.departments = departments
        self.defaultRouting = defaultRouting
        self.latestHolders = latestHolders
        self.turn = turn
    }
}
