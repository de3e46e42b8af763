public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    public func exportPage(_ query: ExportQuery, viewer: Viewer, after: ConversationID?, limit: Int) async throws -> [ExportedConversation] {
        try await pool.read { db in
            let visible = InboxSQL.visibility(viewer)
            var conditions = [visible.sql, "c.opened_at < ?", "c.last_message_at >= ?", "c.id > ?"]
            var arguments = visible.arguments
            arguments += [query.to.timeIntervalSince1970, query.from.timeIntervalSince1970, after?.rawValue ?? 0]
            // Exports are filtered as search is: the same conversation filters, the same SQL.
            let filters = SearchSQL.conversationFilters(
                SearchFilters(channelID: query.channelID, operatorID: query.operatorID, status: query.status, label: query.label)
            )
            conditions += filters.sql
            arguments += filters.arguments
            arguments += [limit]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT c.id, c.status, ch.name AS channel_name, COALESCE(ct.preferred_name, ct.display_name) AS contact_name,
                           op.display_name AS assignee_name, c.department_id, c.opened_at, c.resolved_at
                    FROM conversations c
                    JOIN contacts ct ON ct.id = c.contact_id
                    JOIN channels ch ON ch.id = c.channel_id
                    LEFT JOIN operators op ON op.id = c.assignee_id
                    WHERE \(conditions.joined(separator: " AND "))
                    ORDER BY c.id LIMIT ?
                    """,
                arguments: arguments
            )
            let messages = try Self.exportMessages(db, of: rows.map { $0["id"] as Int64 }, query)
            return try rows.map { row in
                let id: Int64 = row["id"]
                return ExportedConversation(
                    id: ConversationID(id),
                    status: try RowDecoding.enumValue(row, "status"),
                    channel: row["channel_name"],
                    contact: row["contact_name"],
                    assignee: row["assignee_name"],
                    departmentID: (row["department_id"] as Int64?).map(DepartmentID.init),
                    openedAt: RowDecoding.date(row, "opened_at"),
                    resolvedAt: RowDecoding.optionalDate(row, "resolved_at"),
                    messages: messages[id] ?? []
                )
            }
        }
    }

    /// The messages inside the range of the given conversations, grouped by conversation, in order.
    private static func exportMessages(_ db: Database, of ids: [Int64], _ query: ExportQuery) throws -> [Int64: [ExportedMessage]] {
        guard !ids.isEmpty else { return [:] }
        let placeholders = ids.map { _ in "?" }.joined(separator: ", ")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT m.id, m.conversation_id, m.created_at, m.direction, m.author_kind, m.text,
                       CASE m.author_kind WHEN 'operator' THEN op.display_name WHEN 'client' THEN ct.display_name
                           WHEN 'bot' THEN COALESCE(ak.bot_name, ak.name) END AS author_name
                FROM messages m
                JOIN conversations c ON c.id = m.conversation_id
                JOIN contacts ct ON ct.id = c.contact_id
                LEFT JOIN operators op ON op.id = m.author_operator_id
                LEFT JOIN api_keys ak ON ak.id = m.api_key_id
                WHERE m.conversation_id IN (\(placeholders)) AND m.created_at >= ? AND m.created_at < ?
                ORDER BY m.conversation_id, m.id
                """,
            arguments: StatementArguments(ids) + [query.from.timeIntervalSince1970, query.to.timeIntervalSince1970]
        )
        var grouped: [Int64: [ExportedMessage]] = [:]
        for row in rows {
            let message = ExportedMessage(
                id: MessageID(row["id"] as Int64),
                at: RowDecoding.date(row, "created_at"),
                direction: try RowDecoding.enumValue(row, "direction"),
                authorKind: row["author_kind"],
                authorName: row["author_name"],
                text: row["text"]
            )
            grouped[row["conversation_id"], default: []].append(message)
        }
        return grouped
    }
}
