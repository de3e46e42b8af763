import Foundation
import SwitchboardCore

/// SQL fragments shared by the inbox's read queries.
enum InboxSQL {
    static let summarySelect = """
        SELECT c.id, c.status, c.contact_id, ct.display_name AS contact_name, ct.preferred_name,
               c.channel_id, ch.kind AS channel_kind, ch.name AS channel_name,
               c.assignee_id, op.display_name AS assignee_name, c.department_id, c.context_key,
               c.opened_at, c.last_message_at, c.awaiting_reply, c.positive_count, c.negative_count, c.escalated_at,
               lm.id AS last_id, lm.direction AS last_direction, lm.text AS last_text, lm.created_at AS last_created_at
        FROM conversations c
        JOIN contacts ct ON ct.id = c.contact_id
        JOIN channels ch ON ch.id = c.channel_id
        LEFT JOIN operators op ON op.id = c.assignee_id
        LEFT JOIN messages lm ON lm.id = (
            SELECT MAX(m.id) FROM messages m WHERE m.conversation_id = c.id AND m.direction != 'note' AND m.author_kind != 'bot'
        )
        """

    /// The last revision is built as JSON text, as SQLite's `json_object` returned it, for `RevisionStatus` to decode.
    static let timelineSelect = """
        SELECT m.*, ch.kind AS channel_kind, ch.name AS channel_name,
               CASE m.author_kind WHEN 'operator' THEN op.display_name WHEN 'client' THEN ct.display_name
                   WHEN 'bot' THEN COALESCE(ak.bot_name, ak.name) END AS author_name,
               (SELECT json_build_object('kind', r.kind, 'state', r.state, 'reason', r.last_error)::text FROM message_revisions r
                WHERE r.message_id = m.id ORDER BY r.id DESC LIMIT 1) AS last_revision
        FROM messages m
        JOIN conversations c ON c.id = m.conversation_id
        JOIN contacts ct ON ct.id = c.contact_id
        JOIN channels ch ON ch.id = m.channel_id
        LEFT JOIN operators op ON op.id = m.author_operator_id
        LEFT JOIN api_keys ak ON ak.id = m.api_key_id
        """

    /// The condition limiting rows of `conversations c` to what a viewer may see.
    static func visibility(_ viewer: Viewer) -> (sql: String, arguments: [any SQLArgument]) {
        if viewer.seesAllDepartments { return ("1 = 1", []) }
        var arguments: [any SQLArgument] = [viewer.operatorID.rawValue]
        let placeholders = viewer.departmentIDs.map { _ in "?" }.joined(separator: ", ")
        for department in viewer.departmentIDs { arguments.append(department.rawValue) }
        let inDepartments = viewer.departmentIDs.isEmpty ? "" : " OR c.department_id IN (\(placeholders))"
        return ("(c.department_id IS NULL OR c.assignee_id = ?\(inDepartments))", arguments)
    }

    /// The condition of a queue (on `contacts ct` too: a banned contact's conversations are only under `.banned`).
    static func filter(_ filter: ConversationFilter, viewer: Viewer) -> (sql: String, arguments: [any SQLArgument]) {
        switch filter {
        case .mine: ("c.status != 'resolved' AND c.assignee_id = ? AND \(notBanned)", [viewer.operatorID.rawValue])
        case .unassigned: ("c.status != 'resolved' AND c.assignee_id IS NULL AND \(notBanned)", [])
        case .all: ("c.status != 'resolved' AND \(notBanned)", [])
        case .resolved: ("c.status = 'resolved' AND \(notBanned)", [])
        case .banned: ("ct.banned_at IS NOT NULL", [])
        }
    }

    /// The contact `ct` of the conversation is not banned.
    static let notBanned = "ct.banned_at IS NULL"
}
