import GRDB
public import SwitchboardCore

extension SQLiteStore {
    public func conversationScopes(conversation id: ConversationID) async throws -> [ConversationScope] {
        try await scopes(where: "id = ?", id.rawValue)
    }

    public func conversationScopes(contact id: ContactID) async throws -> [ConversationScope] {
        try await scopes(where: "contact_id = ?", id.rawValue)
    }

    private func scopes(where condition: String, _ value: Int64) async throws -> [ConversationScope] {
        try await pool.read { db in
            try db.cachedRows(sql: "SELECT department_id, assignee_id FROM conversations WHERE \(condition)", arguments: [value]).map { row in
                ConversationScope(
                    departmentID: (row["department_id"] as Int64?).map { DepartmentID($0) },
                    assigneeID: (row["assignee_id"] as Int64?).map { OperatorID($0) }
                )
            }
        }
    }
}
