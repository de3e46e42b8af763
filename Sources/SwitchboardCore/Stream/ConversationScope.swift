/// Where a conversation sits as far as seeing it goes: its department and its assignee.
public struct ConversationScope: Sendable, Equatable {
    public var departmentID: DepartmentID?
    public var assigneeID: OperatorID?

    /// Creates a scope.
    public init(departmentID: DepartmentID?, assigneeID: OperatorID?) {
        self.departmentID = departmentID
        self.assigneeID = assigneeID
    }
}
