import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func reportActivity(_ scope: ReportScope) async throws -> [ReportActivity] {
        let start = scope.range.calendar.start
        let end = scope.range.calendar.end
        var filter = ReportSQL.conversationFilter(scope)
        if let operatorID = scope.operatorID {
            filter.sql += " AND c.assignee_id = ?"
            filter.arguments.append(operatorID.rawValue)
        }
        // Messages come in time order from the index `messages_created` and are counted per quarter
        // hour here: a run of rows shares its quarter, so no sort or grouping of a year's million rows
        // is needed. Filters go through their conversation.
        let conversationCondition =
            filter.sql.isEmpty ? "" : " AND m.conversation_id IN (SELECT c.id FROM conversations c WHERE 1 = 1\(filter.sql))"
        let messageSQL = """
            SELECT m.created_at, m.direction = 'in' FROM messages m
            WHERE m.created_at >= ? AND m.created_at < ? AND m.direction IN ('in', 'out') AND m.hold IS NULL\(conversationCondition)
            ORDER BY m.created_at
            """
        // `trunc` as SQLite's CAST(opened_at / 900 AS INTEGER), which truncates toward zero; PostgreSQL's
        // cast of a float to an integer rounds.
        let openedSQL = """
            SELECT CAST(trunc(c.opened_at / 900) AS BIGINT) AS quarter, COUNT(*) FROM conversations c
            WHERE c.opened_at >= ? AND c.opened_at < ?\(filter.sql)
            GROUP BY quarter
            """
        let arguments: [any SQLArgument] = [start, end] + filter.arguments
        return try await read { db in
            var buckets: [Int64: ReportActivity] = [:]
            var current: (quarter: Int64, messagesIn: Int, messagesOut: Int)?
            let messageRows = try await ReportRows(db, sql: messageSQL, arguments: arguments)
            while try await messageRows.next() {
                // As SQL's CAST(created_at / 900 AS INTEGER) in the SQLite store: truncated toward zero.
                let quarter = Int64(try messageRows.double(0) / 900)
                if let run = current, run.quarter != quarter {
                    buckets[run.quarter] = ReportActivity(
                        start: Double(run.quarter) * 900,
                        messagesIn: run.messagesIn,
                        messagesOut: run.messagesOut
                    )
                    current = nil
                }
                let client = try messageRows.int64(1) != 0
                current = (quarter, (current?.messagesIn ?? 0) + (client ? 1 : 0), (current?.messagesOut ?? 0) + (client ? 0 : 1))
            }
            if let run = current {
                buckets[run.quarter] = ReportActivity(
                    start: Double(run.quarter) * 900,
                    messagesIn: run.messagesIn,
                    messagesOut: run.messagesOut
                )
            }
            for row in try await db.rows(sql: openedSQL, arguments: arguments) {
                let quarter: Int64 = try row[at: 0]
                buckets[quarter, default: ReportActivity(start: Double(quarter) * 900)].opened = try row[at: 1]
            }
            return buckets.values.sorted { $0.start < $1.start }
        }
    }

    public func reportOperators(_ scope: ReportScope) async throws -> [ReportOperator] {
        let start = scope.range.calendar.start
        let end = scope.range.calendar.end
        return try await read { db in
            var sql = """
                SELECT o.id, o.display_name FROM operators o
                WHERE (o.active = 1 OR EXISTS (SELECT 1 FROM presence_log p WHERE p.operator_id = o.id AND p.at >= ? AND p.at < ?))
                """
            var arguments: [any SQLArgument] = [start, end]
            if let operatorID = scope.operatorID {
                sql += " AND o.id = ?"
                arguments.append(operatorID.rawValue)
            }
            if let department = scope.departmentID {
                sql += " AND o.id IN (SELECT operator_id FROM operator_departments WHERE department_id = ?)"
                arguments.append(department.rawValue)
            }
            var operators: [ReportOperator] = []
            for row in try await db.rows(sql: sql + " ORDER BY o.display_name, o.id", arguments: arguments) {
                let id: Int64 = try row["id"]
                let before = try await db.value(
                    String.self,
                    sql: "SELECT status FROM presence_log WHERE operator_id = ? AND at < ? ORDER BY at DESC, id DESC LIMIT 1",
                    arguments: [id, start]
                )
                let changes = try await db.rows(
                    sql: "SELECT status, at FROM presence_log WHERE operator_id = ? AND at >= ? AND at < ? ORDER BY at, id",
                    arguments: [id, start, end]
                ).compactMap { change in
                    try PresenceStatus(rawValue: change["status"]).map { try PresenceChange(at: change["at"], status: $0) }
                }
                operators.append(
                    ReportOperator(
                        id: OperatorID(id),
                        displayName: try row["display_name"],
                        statusBefore: before.flatMap(PresenceStatus.init(rawValue:)),
                        changes: changes
                    )
                )
            }
            return operators
        }
    }

    public func reportFeedback(_ scope: ReportScope) async throws -> [ReportFeedbackRow] {
        var filter = ReportSQL.conversationFilter(scope)
        if let operatorID = scope.operatorID {
            filter.sql += " AND c.assignee_id = ?"
            filter.arguments.append(operatorID.rawValue)
        }
        let sql = """
            SELECT f.conversation_id, c.department_id, c.assignee_id, o.display_name AS operator_name, ct.display_name AS contact_name,
                   f.resolved, f.score, f.comment, f.updated_at
            FROM conversation_feedback f
            JOIN conversations c ON c.id = f.conversation_id
            JOIN contacts ct ON ct.id = c.contact_id
            LEFT JOIN operators o ON o.id = c.assignee_id
            WHERE f.asked_at >= ? AND f.asked_at < ?\(filter.sql)
            ORDER BY f.updated_at, f.conversation_id
            """
        let arguments: [any SQLArgument] = [scope.range.calendar.start, scope.range.calendar.end] + filter.arguments
        // Read by position: a year holds tens of thousands of rows, and looking each column up by name
        // costs more than the query.
        return try await read { db in
            try await db.rows(sql: sql, arguments: arguments).map { row in
                try ReportFeedbackRow(
                    conversationID: ConversationID(row[at: 0]),
                    departmentID: (row[at: 1] as Int64?).map(DepartmentID.init),
                    operatorID: (row[at: 2] as Int64?).map(OperatorID.init),
                    operatorName: row[at: 3],
                    contactName: row[at: 4],
                    resolved: row[at: 5],
                    score: row[at: 6],
                    comment: row[at: 7],
                    updatedAt: row[at: 8]
                )
            }
        }
    }
}
