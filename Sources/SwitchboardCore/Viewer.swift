/// Who is looking: decides which conversations an operator may see and change.
public struct Viewer: Sendable, Equatable {
    public var operatorID: OperatorID
    public var role: OperatorRole
    /// The operator's departments. Operators see conversations without a department, of their
    /// departments, and assigned to them; supervisors and admins see everything.
    public var departmentIDs: [DepartmentID]

    /// Creates a viewer.
    public init(operatorID: OperatorID, role: OperatorRole, departmentIDs: [DepartmentID] = []) {
        self.operatorID = operatorID
        self.role = role
        self.departmentIDs = departmentIDs
    }

    /// How an API key looks at the desk: keys belong to the company's systems, not to a team, so they see
    /// every department. Operator ids start at 1, so id 0 is nobody's and "mine" matches nothing.
    public static let integration = Viewer(operatorID: OperatorID(0), role: .supervisor)

    /// Whether the viewer sees every department's queue.
    public var seesAllDepartments: Bool { role != .operator }

    /// Whether the viewer may see a conversation.
    public func maySee(departmentID: DepartmentID?, assigneeID: OperatorID?) -> Bool {
        guard !seesAllDepartments, assigneeID != operatorID, let departmentID else { return true }
        return departmentIDs.contains(departmentID)
    }

    /// Whether the viewer may hand a conversation to someone else (their own, or any for supervisors).
    public func mayReassign(currentAssignee: OperatorID?) -> Bool {
        seesAllDepartments || currentAssignee == nil || currentAssignee == operatorID
    }
}

/// Which conversations a list shows.
public enum ConversationFilter: String, Sendable, CaseIterable {
    /// Open or pending, assigned to the viewer.
    case mine
    /// Open or pending, assigned to nobody.
    case unassigned
    /// Open or pending.
    case all
    /// Resolved.
    case resolved
    /// Conversations of banned contacts, whatever their status; no other queue shows them.
    case banned
}
