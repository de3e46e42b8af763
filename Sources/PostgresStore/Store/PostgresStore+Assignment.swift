public import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func assignWaiting(at now: Date) async throws -> [Event] {
        // Most passes find nobody free or nothing waiting: decide that in a read-only snapshot, without
        // taking the cluster's write lock, which would hold up the desk's other writes.
        let worthIt = try await read { db in
            try await db.value(
                Bool.self,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM conversations WHERE status = 'open' AND assignee_id IS NULL)
                       AND EXISTS (SELECT 1 FROM operators o WHERE o.active = 1 AND o.status = 'online' AND o.max_concurrent >
                           (SELECT COUNT(*) FROM conversations c WHERE c.assignee_id = o.id AND c.status != 'resolved'))
                    """
            ) ?? false
        }
        guard worthIt else { return [] }
        return try await write { db in
            let plan = AssignmentPlan(try await Self.assignmentSnapshot(db), at: now)
            for assignment in plan.assignments {
                try await db.execute(
                    sql: "UPDATE conversations SET assignee_id = ?, queued_at = NULL WHERE id = ?",
                    arguments: [assignment.operatorID.rawValue, assignment.conversationID.rawValue]
                )
                try await db.execute(
                    sql: "UPDATE operators SET last_turn = ? WHERE id = ?",
                    arguments: [assignment.turn, assignment.operatorID.rawValue]
                )
            }
            var events = EventAppender(db)
            try await events.append(plan.events)
            return events.appended
        }
    }

    public func queue() async throws -> [QueuedConversation] {
        try await read { db in
            var positions: [Int64?: Int] = [:]
            return try await db.rows(sql: "SELECT id, department_id, priority, queued_at, opened_at FROM conversations " + Self.queueOrder)
                .map { row in
                    let department: Int64? = try row["department_id"]
                    positions[department, default: 0] += 1
                    return QueuedConversation(
                        conversationID: ConversationID(try row["id"]),
                        departmentID: department.map(DepartmentID.init),
                        escalated: (try row["priority"] as Int) > 0,
                        waitingSince: try RowDecoding.optionalDate(row, "queued_at") ?? RowDecoding.date(row, "opened_at"),
                        position: positions[department] ?? 1
                    )
                }
        }
    }

    public func transfer(
        _ conversationID: ConversationID,
        toDepartment departmentID: DepartmentID,
        by actor: OperatorID?,
        note: String?,
        at now: Date
    ) async throws -> [Event] {
        try await write { db in
            guard let conversation = try await Self.fetchConversation(db, conversationID) else {
                throw StoreError.notFound("conversation \(conversationID)")
            }
            guard try await db.row(sql: "SELECT 1 FROM departments WHERE id = ?", arguments: [departmentID.rawValue]) != nil else {
                throw StoreError.notFound("department \(departmentID)")
            }
            let transfer = DepartmentTransfer(conversation, to: departmentID, by: actor, note: note, at: now)
            try await db.execute(
                sql: "UPDATE conversations SET department_id = ?, assignee_id = NULL, queued_at = ?, awaiting_department = 0 WHERE id = ?",
                arguments: [transfer.departmentID.rawValue, transfer.queuedAt.timeIntervalSince1970, conversationID.rawValue]
            )
            var events = EventAppender(db)
            try await events.append(transfer.events)
            return events.appended
        }
    }

    /// The queue: open conversations nobody holds, escalated first, then longest waiting.
    static let queueOrder = """
        WHERE status = 'open' AND assignee_id IS NULL
        ORDER BY priority DESC, COALESCE(queued_at, opened_at), id
        """
}
