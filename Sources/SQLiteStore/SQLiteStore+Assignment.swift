public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    public func assignWaiting(at now: Date) async throws -> [Event] {
        // Most passes find nobody free or nothing waiting: decide that on a reader, without taking the write lock.
        let worthIt = try await pool.read { db in
            try db.cachedValue(
                Bool.self,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM conversations WHERE status = 'open' AND assignee_id IS NULL)
                       AND EXISTS (SELECT 1 FROM operators o WHERE o.active = 1 AND o.status = 'online' AND o.max_concurrent >
                           (SELECT COUNT(*) FROM conversations c WHERE c.assignee_id = o.id AND c.status != 'resolved'))
                    """
            ) ?? false
        }
        guard worthIt else { return [] }
        return try await pool.write { db in
            let plan = AssignmentPlan(try Self.assignmentSnapshot(db), at: now)
            for assignment in plan.assignments {
                try db.cachedExecute(
                    sql: "UPDATE conversations SET assignee_id = ?, queued_at = NULL WHERE id = ?",
                    arguments: [assignment.operatorID.rawValue, assignment.conversationID.rawValue]
                )
                try db.cachedExecute(
                    sql: "UPDATE operators SET last_turn = ? WHERE id = ?",
                    arguments: [assignment.turn, assignment.operatorID.rawValue]
                )
            }
            var events = EventAppender(db)
            try events.append(plan.events)
            return events.appended
        }
    }

    public func queue() async throws -> [QueuedConversation] {
        try await pool.read { db in
            var positions: [Int64?: Int] = [:]
            return try db.cachedRows(sql: "SELECT id, department_id, priority, queued_at, opened_at FROM conversations " + Self.queueOrder)
                .map { row in
                    let department: Int64? = row["department_id"]
                    positions[department, default: 0] += 1
                    return QueuedConversation(
                        conversationID: ConversationID(row["id"]),
                        departmentID: department.map(DepartmentID.init),
                        escalated: (row["priority"] as Int) > 0,
                        waitingSince: RowDecoding.optionalDate(row, "queued_at") ?? RowDecoding.date(row, "opened_at"),
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
        try await pool.write { db in
            guard let conversation = try Self.fetchConversation(db, conversationID) else {
                throw StoreError.notFound("conversation \(conversationID)")
            }
            guard try db.cachedRow(sql: "SELECT 1 FROM departments WHERE id = ?", arguments: [departmentID.rawValue]) != nil else {
                throw StoreError.notFound("department \(departmentID)")
            }
            let transfer = DepartmentTransfer(conversation, to: departmentID, by: actor, note: note, at: now)
            try db.cachedExecute(
                sql: "UPDATE conversations SET department_id = ?, assignee_id = NULL, queued_at = ?, awaiting_department = 0 WHERE id = ?",
                arguments: [transfer.departmentID.rawValue, transfer.queuedAt.timeIntervalSince1970, conversationID.rawValue]
            )
            var events = EventAppender(db)
            try events.append(transfer.events)
            return events.appended
        }
    }

    /// The queue: open conversations nobody holds, escalated first, then longest waiting.
    static let queueOrder = """
        WHERE status = 'open' AND assignee_id IS NULL
        ORDER BY priority DESC, COALESCE(queued_at, opened_at), id
        """
}
