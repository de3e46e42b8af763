import GRDB
import SwitchboardCore

/// SQL pieces shared by the report queries.
enum ReportSQL {
    /// Kinds of the events that change a conversation's status or holder (the partial indexes' condition).
    static let lifecycleKinds = "kind IN ('conversation.status_changed', 'conversation.assigned')"

    /// The channel and department filters on conversations `c` (current channel and department).
    static func conversationFilter(_ scope: ReportScope, alias: String = "c") -> (sql: String, arguments: StatementArguments) {
        var sql = ""
        var arguments: StatementArguments = []
        if let channel = scope.channelID {
            sql += " AND \(alias).channel_id = ?"
            arguments += [channel.rawValue]
        }
        if let department = scope.departmentID {
            sql += " AND \(alias).department_id = ?"
            arguments += [department.rawValue]
        }
        return (sql, arguments)
    }

    /// Conversations whose history can matter to the range: opened before its end and active in it
    /// (a message in or after it, not resolved, or a status change or assignment inside it).
    static func scope(_ scope: ReportScope) -> (sql: String, arguments: StatementArguments) {
        let filter = conversationFilter(scope)
        let start = scope.range.calendar.start
        let end = scope.range.calendar.end
        let sql = """
            WITH scope AS (
                SELECT c.id, c.department_id, c.opened_at FROM conversations c
                WHERE c.opened_at < ? AND (c.last_message_at >= ? OR c.status != 'resolved'
                    OR c.id IN (SELECT conversation_id FROM events WHERE \(lifecycleKinds) AND occurred_at >= ? AND occurred_at < ?))
                    \(filter.sql)
            )
            """
        return (sql, [end, start, start, end] + filter.arguments)
    }
}
