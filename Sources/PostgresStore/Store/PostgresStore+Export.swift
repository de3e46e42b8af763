import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func exportPage(
        _ query: ExportQuery,
        viewer: Viewer,
        after: ConversationID?,
        limit: Int
    ) async throws -> [ExportedConversation] {
        try await read { db in
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
            arguments.append(limit)
            let rows = try await db.rows(
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
            let messages = try await Self.exportMessages(db, of: rows.map { try $0["id"] as Int64 }, query)
            return try rows.map { row in
                let id: Int64 = try row["id"]
                return ExportedConversation(
                    id: ConversationID(id),
                    status: try RowDecoding.enumValue(row, "status"),
                    channel: try row["channel_name"],
                    contact: try row["contact_name"],
                    assignee: try row["assignee_name"],
                    departmentID: try (row["department_id"] as Int64?).map(DepartmentID.init),
                    openedAt: try RowDecoding.date(row, "opened_at"),
                    resolvedAt: try RowDecoding.optionalDate(row, "resolved_at"),
                    messages: messages[id] ?? []
                )
            }
        }
    }

    /// The messages inside the range of the given conversations, grouped by conversation, in order.
    private static func exportMessages(_ db: Session, of ids: [Int64], _ query: ExportQuery) async throws -> [Int64: [ExportedMessage]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.rows(
            sql: """
                SELECT m.id, m.conversation_id, m.created_at, m.direction, m.author_kind, m.text,
                       CASE m.author_kind WHEN 'operator' THEN op.display_name WHEN 'client' THEN ct.display_name
                           WHEN 'bot' THEN COALESCE(ak.bot_name, ak.name) END AS author_name
                FROM messages m
                JOIN conversations c ON c.id = m.conversation_id
                JOIN contacts ct ON ct.id = c.contact_id
                LEFT JOIN operators op ON op.id = m.author_operator_id
                LEFT JOIN api_keys ak ON ak.id = m.api_key_id
                WHERE m.conversation_id = ANY(?) AND m.created_at >= ? AND m.created_at < ?
                ORDER BY m.conversation_id, m.id
                """,
            arguments: [ids, query.from.timeIntervalSince1970, query.to.timeIntervalSince1970]
        )
        var grouped: [Int64: [ExportedMessage]] = [:]
        for row in rows {
            let message = ExportedMessage(
                id: MessageID(try row["id"] as Int64),
                at: try RowDecoding.date(row, "created_at"),
                direction: try RowDecoding.enumValue(row, "direction"),
                authorKind: try row["author_kind"],
                authorName: try row["author_name"],
                text: try row["text"]
            )
            grouped[try row["conversation_id"], default: []].append(message)
        }
        return grouped
    }
}
