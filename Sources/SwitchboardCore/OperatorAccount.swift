public import Foundation

/// An operator as admins manage them: the account, whether it may sign in, and its departments.
public struct OperatorAccount: Sendable, Equatable {
    public var `operator`: Operator
    /// False once deactivated: no sign-in, no sessions, no conversations.
    public var active: Bool
    public var departmentIDs: [DepartmentID]
    public var createdAt: Date
    /// When the account was last deactivated; nil while active.
    public var deactivatedAt: Date?

    /// Creates a value.
    public init(operator: Operator, active: Bool, departmentIDs: [DepartmentID], createdAt: Date, deactivatedAt: Date? = nil) {
        self.operator = `operator`
        self.active = active
        self.departmentIDs = departmentIDs
        self.createdAt = createdAt
        self.deactivatedAt = deactivatedAt
    }

    /// The audit log's name for the account: `operator 3 (maria)`.
    public var auditTarget: String { "operator \(`operator`.id) (\(`operator`.login))" }

    /// The fields an admin changes, as the audit log compares them.
    public var auditedFields: AuditedFields {
        AuditedFields(
            displayName: `operator`.displayName,
            role: `operator`.role,
            active: active,
            maxConcurrentConversations: `operator`.maxConcurrentConversations,
            departmentIDs: departmentIDs.sorted(),
            avatarURL: `operator`.avatarURL
        )
    }

    /// See `auditedFields`.
    public struct AuditedFields: Encodable, Sendable {
        let displayName: String
        let role: OperatorRole
        let active: Bool
        let maxConcurrentConversations: Int
        let departmentIDs: [DepartmentID]
        let avatarURL: String?
    }
}

/// An admin's edit of an operator; a nil field is left as it is.
public struct OperatorEdit: Sendable, Equatable {
    public var displayName: String?
    public var role: OperatorRole?
    /// False deactivates, true reactivates.
    public var active: Bool?
    public var maxConcurrent: Int?
    public var departmentIDs: [DepartmentID]?

    /// Creates an edit.
    public init(
        displayName: String? = nil,
        role: OperatorRole? = nil,
        active: Bool? = nil,
        maxConcurrent: Int? = nil,
        departmentIDs: [DepartmentID]? = nil
    ) {
        self.displayName = displayName
        self.role = role
        self.active = active
        self.maxConcurrent = maxConcurrent
        self.departmentIDs = departmentIDs
    }

    /// The account after the edit (departments as given, deduplicated and sorted).
    public func applied(to account: OperatorAccount) -> OperatorAccount {
        var result = account
        result.operator.displayName = displayName ?? account.operator.displayName
        result.operator.role = role ?? account.operator.role
        result.operator.maxConcurrentConversations = maxConcurrent ?? account.operator.maxConcurrentConversations
        result.active = active ?? account.active
        if let departmentIDs { result.departmentIDs = Array(Set(departmentIDs)).sorted() }
        return result
    }
}

/// Why an edit of an operator is refused.
public enum OperatorAdminRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// The desk would be left without an active admin.
    case lastAdmin
    /// An admin tried to deactivate their own account.
    case deactivatingSelf

    public var description: String {
        switch self {
        case .lastAdmin: "This is the last active admin: make another operator admin first."
        case .deactivatingSelf: "You cannot deactivate your own account; another admin can."
        }
    }
}

/// The rules an operator edit must keep; pure, so the store applies them inside its transaction.
public enum OperatorAdminPolicy {
    /// Why `after` may not replace `before`, or nil when it may.
    /// - Parameters:
    ///   - actorID: the operator making the change (nil for the command line).
    ///   - activeAdmins: how many active admins exist now, `before` included.
    public static func refusal(before: OperatorAccount, after: OperatorAccount, actorID: OperatorID?, activeAdmins: Int) -> OperatorAdminRefusal? {
        if before.active, !after.active, actorID == before.operator.id { return .deactivatingSelf }
        let wasAdmin = before.active && before.operator.role == .admin
        let staysAdmin = after.active && after.operator.role == .admin
        if wasAdmin, !staysAdmin, activeAdmins <= 1 { return .lastAdmin }
        return nil
    }
}
