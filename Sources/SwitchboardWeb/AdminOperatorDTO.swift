import Foundation
import SwitchboardCore

/// An operator as `/api/v1/admin/operators` shows it: the `Operator` fields plus the account's state.
struct AdminOperatorDTO: Encodable {
    let id: OperatorID
    let login: String
    let displayName: String
    let avatarURL: String?
    let role: OperatorRole
    let status: PresenceStatus
    let maxConcurrentConversations: Int
    let active: Bool
    let departmentIDs: [DepartmentID]
    /// ISO 8601.
    let createdAt: String
    /// ISO 8601; only on a deactivated account.
    let deactivatedAt: String?

    init(_ account: OperatorAccount) {
        let value = account.operator
        id = value.id
        login = value.login
        displayName = value.displayName
        avatarURL = value.avatarURL
        role = value.role
        status = value.status
        maxConcurrentConversations = value.maxConcurrentConversations
        active = account.active
        departmentIDs = account.departmentIDs
        createdAt = account.createdAt.ISO8601Format()
        deactivatedAt = account.active ? nil : account.deactivatedAt?.ISO8601Format()
    }
}
