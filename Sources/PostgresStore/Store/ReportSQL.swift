import SwitchboardCore

/// SQL pieces shared by the report queries.
enum ReportSQL {
    /// Kinds of the events that change a conversation's status or holder (the partial indexes' condition).
    static let lifecycleKinds = "kind IN ('conversation.status_changed', 'conversation.assigned')"

    /// The channel and department filters on conversations `c` (current channel and department).
    static func conversationFilter(_ scope: ReportScope, alias: String = "c") -> (sql: String, arguments: [any SQLArgument]) {
        var sql = ""
        var arguments: [any SQLArgument] = []
        if let channel = scope.channelID {
            sql += " AND \(alias).channel_id = ?"
            arguments.append(channel.rawValue)
        }
        if let department = scope.departmentID {
            sql += " AND \(alias).department_id = ?"
            arguments.append(department.rawValue)
        }
        return (sql, arguments)
    }

    /// Conversations whose history can matter to the range: opened before its end and active in it
    /// (a message in or after it, not resolved, or a status change or assignment inside it).
    static func scope(_ scope: ReportScope) -> (sql: String, arguments: [any SQLArgument]) {
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

    /// The scope's conversations, by id (after `scope(_:)`'s `WITH`).
    static let scopeConversations = " SELECT id, department_id, opened_at FROM scope ORDER BY id"

    /// The scope's client messages (held ones left out: a banned or flooding client's) and operator
    /// replies, by conversation: whether the client wrote, and the author. An author id is set exactly
    /// when an operator wrote (a CHECK of the table), so the covering index `messages_conversation`
    /// answers without reading `author_kind`.
    static let scopeMessages = """
         SELECT m.conversation_id, m.created_at, m.direction = 'in', m.author_operator_id
        FROM scope JOIN messages m ON m.conversation_id = scope.id
        WHERE (m.direction = 'in' AND m.hold IS NULL) OR (m.direction = 'out' AND m.author_operator_id IS NOT NULL)
        ORDER BY scope.id, m.id
        """

    /// The scope's status changes and assignments, by conversation: whether it is an assignment, the
    /// payload's `to` as text (the new status, or the new holder's id, read as a number by the caller;
    /// SQLite's `json_extract` gave either type in one column, PostgreSQL's column has one type), and
    /// whether a status change reopened. `json` rather than `jsonb`: only two top-level keys are read,
    /// so the text need not be converted whole.
    static let scopeEvents = """
         SELECT e.conversation_id, e.occurred_at, e.kind = 'conversation.assigned', e.payload::json ->> 'to',
               (e.payload::json ->> 'reopened')::boolean
        FROM scope JOIN events e ON e.conversation_id = scope.id AND e.\(lifecycleKinds)
        ORDER BY scope.id, e.seq
        """
}
