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
            var transaction = try AssignmentTransaction(db: db, now: now)
            return try transaction.run()
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
            var events = EventAppender(db)
            try db.cachedExecute(
                sql: "UPDATE conversations SET department_id = ?, assignee_id = NULL, queued_at = ?, awaiting_department = 0 WHERE id = ?",
                arguments: [departmentID.rawValue, now.timeIntervalSince1970, conversationID.rawValue]
            )
            let change = DepartmentChangePayload(
                conversationID: conversationID,
                from: conversation.departmentID,
                to: departmentID,
                byOperatorID: actor,
                note: note
            )
            try events.append(.conversationDepartmentChanged, at: now, contact: conversation.contactID, conversation: conversationID, payload: change)
            if conversation.assigneeID != nil {
                let payload = AssignmentPayload(
                    conversationID: conversationID,
                    from: conversation.assigneeID,
                    to: nil,
                    byOperatorID: actor,
                    note: note
                )
                try events.append(.conversationAssigned, at: now, contact: conversation.contactID, conversation: conversationID, payload: payload)
            }
            return events.appended
        }
    }

    /// The queue: open conversations nobody holds, escalated first, then longest waiting.
    static let queueOrder = """
        WHERE status = 'open' AND assignee_id IS NULL
        ORDER BY priority DESC, COALESCE(queued_at, opened_at), id
        """
}

/// One pass over the queue inside a write transaction: each waiting conversation gets the
/// operator `AssignmentPolicy` picks, or keeps waiting.
struct AssignmentTransaction {
    let db: Database
    let now: Date
    let settings: RoutingSettings
    var departments: [Int64: QueueRouting] = [:]
    var members: [Int64: Set<Int64>] = [:]
    var candidates: [AssignmentCandidate]
    var turn: Int64
    var events: EventAppender

    init(db: Database, now: Date) throws {
        self.db = db
        self.now = now
        self.settings = try SQLiteStore.readRoutingSettings(db)
        self.events = EventAppender(db)
        for row in try db.cachedRows(sql: "SELECT id, strategy, sticky FROM departments") {
            departments[row["id"]] = QueueRouting(strategy: try RowDecoding.enumValue(row, "strategy"), sticky: row["sticky"])
        }
        for row in try db.cachedRows(sql: "SELECT operator_id, department_id FROM operator_departments") {
            members[row["department_id"], default: []].insert(row["operator_id"])
        }
        candidates = try db.cachedRows(
            sql: """
                SELECT o.id, o.max_concurrent, o.last_turn,
                       (SELECT COUNT(*) FROM conversations c WHERE c.assignee_id = o.id AND c.status != 'resolved') AS load
                FROM operators o WHERE o.active = 1 AND o.status = 'online' ORDER BY o.id
                """
        ).map { row in
            AssignmentCandidate(operatorID: OperatorID(row["id"]), load: row["load"], capacity: row["max_concurrent"], lastTurn: row["last_turn"])
        }
        turn = try db.cachedValue(Int64.self, sql: "SELECT MAX(last_turn) FROM operators") ?? 0
    }

    mutating func run() throws -> [Event] {
        guard candidates.contains(where: \.hasRoom) else { return [] }
        let waiting = try db.cachedRows(
            sql: "SELECT id, contact_id, department_id, awaiting_department, COALESCE(queued_at, opened_at) AS since FROM conversations "
                + SQLiteStore.queueOrder
        )
        let choiceDeadline = now.addingTimeInterval(-ChannelRouting.departmentChoiceWait).timeIntervalSince1970
        for row in waiting {
            // The client is still picking a department from the start keyboard (for a short while).
            if row["awaiting_department"] as Bool, (row["since"] as Double) > choiceDeadline { continue }
            guard candidates.contains(where: \.hasRoom) else { break }
            let department: Int64? = row["department_id"]
            let routing = department.flatMap { departments[$0] } ?? settings.defaultRouting
            let eligible = candidates.filter { candidate in
                department.map { members[$0]?.contains(candidate.operatorID.rawValue) ?? false } ?? true
            }
            let conversationID = ConversationID(row["id"])
            let previous = try previousOperator(contact: row["contact_id"], excluding: conversationID)
            guard
                let (chosen, reason) = AssignmentPolicy.choose(
                    among: eligible,
                    strategy: routing.strategy,
                    sticky: routing.sticky,
                    previous: previous
                )
            else { continue }
            try assign(conversationID, contact: ContactID(row["contact_id"]), department: department, to: chosen, reason: reason)
        }
        return events.appended
    }

    /// The operator the client talked to last: whoever held this conversation before it was
    /// released, else whoever holds or held the client's most recent other conversation.
    private func previousOperator(contact: Int64, excluding conversationID: ConversationID) throws -> OperatorID? {
        try db.cachedValue(
            Int64.self,
            sql: """
                SELECT COALESCE(
                    (SELECT previous_assignee_id FROM conversations WHERE id = ?),
                    (SELECT assignee_id FROM conversations WHERE contact_id = ? AND id != ? AND assignee_id IS NOT NULL ORDER BY id DESC LIMIT 1))
                """,
            arguments: [conversationID.rawValue, contact, conversationID.rawValue]
        ).map(OperatorID.init)
    }

    private mutating func assign(
        _ conversationID: ConversationID,
        contact: ContactID,
        department: Int64?,
        to chosen: OperatorID,
        reason: AssignmentPolicy.Reason
    ) throws {
        turn += 1
        try db.cachedExecute(
            sql: "UPDATE conversations SET assignee_id = ?, queued_at = NULL WHERE id = ?",
            arguments: [chosen.rawValue, conversationID.rawValue]
        )
        try db.cachedExecute(sql: "UPDATE operators SET last_turn = ? WHERE id = ?", arguments: [turn, chosen.rawValue])
        if let index = candidates.firstIndex(where: { $0.operatorID == chosen }) {
            candidates[index].load += 1
            candidates[index].lastTurn = turn
        }
        let payload = AssignmentPayload(
            conversationID: conversationID,
            from: nil,
            to: chosen,
            byOperatorID: nil,
            note: nil,
            reason: reason,
            departmentID: department.map(DepartmentID.init)
        )
        try events.append(.conversationAssigned, at: now, contact: contact, conversation: conversationID, payload: payload)
    }
}
