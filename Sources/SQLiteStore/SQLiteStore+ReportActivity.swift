public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    public func reportActivity(_ scope: ReportScope) async throws -> [ReportActivity] {
        let start = scope.range.calendar.start
        let end = scope.range.calendar.end
        var filter = ReportSQL.conversationFilter(scope)
        if let operatorID = scope.operatorID {
            filter.sql += " AND c.assignee_id = ?"
            filter.arguments += [operatorID.rawValue]
        }
        // Messages stream in time order from the covering index `messages_created` and are counted per
        // quarter hour here: a run of rows shares its quarter, so no sort is needed (SQL's GROUP BY sorted
        // a year's million rows). Filters go through their conversation.
        let conversationCondition = filter.sql.isEmpty ? "" : " AND m.conversation_id IN (SELECT c.id FROM conversations c WHERE 1 = 1\(filter.sql))"
        let messageSQL = """
            SELECT m.created_at, m.direction = 'in' FROM messages m
            WHERE m.created_at >= ? AND m.created_at < ? AND m.direction IN ('in', 'out') AND m.hold IS NULL\(conversationCondition)
            ORDER BY m.created_at
            """
        let openedSQL = """
            SELECT CAST(c.opened_at / 900 AS INTEGER) AS quarter, COUNT(*) FROM conversations c
            WHERE c.opened_at >= ? AND c.opened_at < ?\(filter.sql)
            GROUP BY quarter
            """
        let arguments: StatementArguments = [start, end] + filter.arguments
        return try await pool.read { db in
            var buckets: [Int64: ReportActivity] = [:]
            var current: (quarter: Int64, messagesIn: Int, messagesOut: Int)?
            let messageRows = try ReportRows(db, sql: messageSQL, arguments: arguments)
            while try messageRows.next() {
                // As SQL's CAST(created_at / 900 AS INTEGER): truncated toward zero.
                let quarter = Int64(messageRows.double(0) / 900)
                if let run = current, run.quarter != quarter {
                    buckets[run.quarter] = ReportActivity(start: Double(run.quarter) * 900, messagesIn: run.messagesIn, messagesOut: run.messagesOut)
                    current = nil
                }
                let client = messageRows.int64(1) != 0
                current = (quarter, (current?.messagesIn ?? 0) + (client ? 1 : 0), (current?.messagesOut ?? 0) + (client ? 0 : 1))
            }
            if let run = current {
                buckets[run.quarter] = ReportActivity(start: Double(run.quarter) * 900, messagesIn: run.messagesIn, messagesOut: run.messagesOut)
            }
            let openedRows = try Row.fetchCursor(db, sql: openedSQL, arguments: arguments)
            while let row = try openedRows.next() {
                let quarter: Int64 = row[0]
                buckets[quarter, default: ReportActivity(start: Double(quarter) * 900)].opened = row[1]
            }
            return buckets.values.sorted { $0.start < $1.start }
        }
    }

    public func reportOperators(_ scope: ReportScope) async throws -> [ReportOperator] {
        let start = scope.range.calendar.start
        let end = scope.range.calendar.end
        return try await pool.read { db in
            var sql = """
                SELECT o.id, o.display_name FROM operators o
                WHERE (o.active = 1 OR EXISTS (SELECT 1 FROM presence_log p WHERE p.operator_id = o.id AND p.at >= ? AND p.at < ?))
                """
            var arguments: StatementArguments = [start, end]
            if let operatorID = scope.operatorID {
                sql += " AND o.id = ?"
                arguments += [operatorID.rawValue]
            }
            if let department = scope.departmentID {
                sql += " AND o.id IN (SELECT operator_id FROM operator_departments WHERE department_id = ?)"
                arguments += [department.rawValue]
            }
            return try db.cachedRows(sql: sql + " ORDER BY o.display_name, o.id", arguments: arguments).map { row in
                let id: Int64 = row["id"]
                let before = try db.cachedValue(
                    String.self,
                    sql: "SELECT status FROM presence_log WHERE operator_id = ? AND at < ? ORDER BY at DESC, id DESC LIMIT 1",
                    arguments: [id, start]
                )
                let changes = try db.cachedRows(
                    sql: "SELECT status, at FROM presence_log WHERE operator_id = ? AND at >= ? AND at < ? ORDER BY at, id",
                    arguments: [id, start, end]
                ).compactMap { change in
                    PresenceStatus(rawValue: change["status"]).map { PresenceChange(at: change["at"], status: $0) }
                }
                return ReportOperator(
                    id: OperatorID(id),
                    displayName: row["display_name"],
                    statusBefore: before.flatMap(PresenceStatus.init(rawValue:)),
                    changes: changes
                )
            }
        }
    }

    public func reportFeedback(_ scope: ReportScope) async throws -> [ReportFeedbackRow] {
        var filter = ReportSQL.conversationFilter(scope)
        if let operatorID = scope.operatorID {
            filter.sql += " AND c.assignee_id = ?"
            filter.arguments += [operatorID.rawValue]
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
        let arguments: StatementArguments = [scope.range.calendar.start, scope.range.calendar.end] + filter.arguments
        // Read by position from a cursor: a year holds tens of thousands of rows, and copying each into
        // a `Row` to look its columns up by name cost more than the query.
        return try await pool.read { db in
            try Array(
                Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments).map { row in
                    ReportFeedbackRow(
                        conversationID: ConversationID(row[0]),
                        departmentID: (row[1] as Int64?).map(DepartmentID.init),
                        operatorID: (row[2] as Int64?).map(OperatorID.init),
                        operatorName: row[3],
                        contactName: row[4],
                        resolved: row[5],
                        score: row[6],
                        comment: row[7],
                        updatedAt: row[8]
                    )
                }
            )
        }
    }
}
