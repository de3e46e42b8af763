import Foundation
import SwitchboardCore

extension PostgresStore {
    /// Loads what an automatic-assignment pass reads, inside the pass's write transaction.
    static func assignmentSnapshot(_ db: Session) async throws -> AssignmentSnapshot {
        var departments: [DepartmentID: QueueRouting] = [:]
        for row in try await db.rows(sql: "SELECT id, strategy, sticky FROM departments") {
            departments[DepartmentID(try row["id"])] = QueueRouting(
                strategy: try RowDecoding.enumValue(row, "strategy"),
                sticky: try row["sticky"]
            )
        }
        var members: [DepartmentID: Set<OperatorID>] = [:]
        for row in try await db.rows(sql: "SELECT operator_id, department_id FROM operator_departments") {
            members[DepartmentID(try row["department_id"]), default: []].insert(OperatorID(try row["operator_id"]))
        }
        let candidates = try await db.rows(
            sql: """
                SELECT o.id, o.max_concurrent, o.last_turn,
                       (SELECT COUNT(*) FROM conversations c WHERE c.assignee_id = o.id AND c.status != 'resolved') AS load
                FROM operators o WHERE o.active = 1 AND o.status = 'online' ORDER BY o.id
                """
        ).map { row in
            try AssignmentCandidate(
                operatorID: OperatorID(row["id"]),
                load: row["load"],
                capacity: row["max_concurrent"],
                lastTurn: row["last_turn"]
            )
        }
        // Nobody has room: the queue need not be read (the plan would assign nothing).
        guard candidates.contains(where: \.hasRoom) else { return AssignmentSnapshot(waiting: [], candidates: candidates) }
        // Each client's most recent conversation that has an operator, for sticky routing.
        let latestHeld =
            "FROM conversations h WHERE h.contact_id = conversations.contact_id AND h.assignee_id IS NOT NULL ORDER BY h.id DESC LIMIT 1"
        var holders: [ContactID: AssignmentSnapshot.Holder] = [:]
        var waiting: [AssignmentSnapshot.Waiting] = []
        let rows = try await db.rows(
            sql: """
                SELECT id, contact_id, department_id, awaiting_department, COALESCE(queued_at, opened_at) AS since, previous_assignee_id,
                       (SELECT h.id \(latestHeld)) AS held_id, (SELECT h.assignee_id \(latestHeld)) AS holder_id,
                       (SELECT ct.banned_at IS NOT NULL FROM contacts ct WHERE ct.id = conversations.contact_id) AS contact_banned
                FROM conversations
                """ + " " + queueOrder
        )
        for row in rows {
            let contactID = ContactID(try row["contact_id"])
            if let heldID: Int64 = try row["held_id"], let holderID: Int64 = try row["holder_id"] {
                holders[contactID] = AssignmentSnapshot.Holder(conversationID: ConversationID(heldID), operatorID: OperatorID(holderID))
            }
            waiting.append(
                AssignmentSnapshot.Waiting(
                    conversationID: ConversationID(try row["id"]),
                    contactID: contactID,
                    departmentID: (try row["department_id"] as Int64?).map(DepartmentID.init),
                    awaitingDepartment: try row["awaiting_department"],
                    waitingSince: try RowDecoding.date(row, "since"),
                    previousAssignee: (try row["previous_assignee_id"] as Int64?).map(OperatorID.init),
                    contactBanned: try row["contact_banned"]
                )
            )
        }
        return AssignmentSnapshot(
            waiting: waiting,
            candidates: candidates,
            members: members,
            departments: departments,
            defaultRouting: try await readRoutingSettings(db).defaultRouting,
            latestHolders: holders,
            turn: try await db.value(Int64.self, sql: "SELECT MAX(last_turn) FROM operators") ?? 0
        )
    }
}
