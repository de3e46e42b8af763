public import SwitchboardCore

extension PostgresStore {
    public func conversationScopes(conversation id: ConversationID) async throws -> [ConversationScope] {
        try await scopes(where: "id = ?", id.rawValue)
    }

    public func conversationScopes(contact id: ContactID) async throws -> [ConversationScope] {
        try await scopes(where: "contact_id = ?", id.rawValue)
    }

    private func scopes(where condition: String, _ value: Int64) async throws -> [ConversationScope] {
        try await read { db in
            let sql = "SELECT department_id, assignee_id FROM conversations WHERE \(condition)"
            return try await db.rows(sql: sql, arguments: [value]).map { row in
                ConversationScope(
                    departmentID: try (row["department_id"] as Int64?).map { DepartmentID($0) },
                    assigneeID: try (row["assignee_id"] as Int64?).map { OperatorID($0) }
                )
            }
        }
    }
}
