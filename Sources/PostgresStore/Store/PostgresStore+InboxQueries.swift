import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func conversations(
        _ filter: ConversationFilter,
        viewer: Viewer,
        channelID: ChannelID?,
        departmentID: DepartmentID?,
        after cursor: ConversationCursor?,
        limit: Int
    ) async throws -> [ConversationSummary] {
        try await read { db in
            let visible = InboxSQL.visibility(viewer)
            let queue = InboxSQL.filter(filter, viewer: viewer)
            var conditions = [visible.sql, queue.sql]
            var arguments = visible.arguments + queue.arguments
            if let channelID {
                conditions.append("c.channel_id = ?")
                arguments.append(channelID.rawValue)
            }
            if let departmentID {
                conditions.append("c.department_id = ?")
                arguments.append(departmentID.rawValue)
            }
            if let cursor {
                conditions.append("(c.last_message_at < ? OR (c.last_message_at = ? AND c.id < ?))")
                let at = cursor.lastMessageAt.timeIntervalSince1970
                arguments += [at, at, cursor.id.rawValue]
            }
            arguments.append(limit)
            let sql =
                InboxSQL.summarySelect + " WHERE " + conditions.joined(separator: " AND ")
                + " ORDER BY c.last_message_at DESC, c.id DESC LIMIT ?"
            return try await db.rows(sql: sql, arguments: arguments).map(RowDecoding.summary)
        }
    }

    public func conversationSummary(_ id: ConversationID, viewer: Viewer) async throws -> ConversationSummary? {
        try await read { db in
            let visible = InboxSQL.visibility(viewer)
            return try await db.row(
                sql: InboxSQL.summarySelect + " WHERE c.id = ? AND \(visible.sql)",
                arguments: [id.rawValue] + visible.arguments
            )
            .map(RowDecoding.summary)
        }
    }

    public func conversations(ofContact contactID: ContactID, viewer: Viewer) async throws -> [ConversationSummary] {
        try await read { db in
            let visible = InboxSQL.visibility(viewer)
            return try await db.rows(
                sql: InboxSQL.summarySelect + " WHERE c.contact_id = ? AND \(visible.sql) ORDER BY c.id DESC",
                arguments: [contactID.rawValue] + visible.arguments
            ).map(RowDecoding.summary)
        }
    }

    public func queueCounts(viewer: Viewer) async throws -> [ConversationFilter: QueueCount] {
        try await read { db in
            let visible = InboxSQL.visibility(viewer)
            let me = viewer.operatorID.rawValue
            // PostgreSQL cannot sum a boolean: each queue is a filtered count (never NULL, so no COALESCE).
            let row = try await db.row(
                sql: """
                    SELECT
                      COUNT(*) FILTER (WHERE ct.banned_at IS NULL AND c.status != 'resolved' AND c.assignee_id = ?) AS mine,
                      COUNT(*) FILTER (
                          WHERE ct.banned_at IS NULL AND c.status != 'resolved' AND c.assignee_id = ? AND c.awaiting_reply = 1
                      ) AS mine_waiting,
                      COUNT(*) FILTER (WHERE ct.banned_at IS NULL AND c.status != 'resolved' AND c.assignee_id IS NULL) AS unassigned,
                      COUNT(*) FILTER (
                          WHERE ct.banned_at IS NULL AND c.status != 'resolved' AND c.assignee_id IS NULL AND c.awaiting_reply = 1
                      ) AS unassigned_waiting,
                      COUNT(*) FILTER (WHERE ct.banned_at IS NULL AND c.status != 'resolved') AS open,
                      COUNT(*) FILTER (WHERE ct.banned_at IS NULL AND c.status != 'resolved' AND c.awaiting_reply = 1) AS open_waiting,
                      COUNT(*) FILTER (WHERE ct.banned_at IS NULL AND c.status = 'resolved') AS resolved,
                      COUNT(*) FILTER (WHERE ct.banned_at IS NULL AND c.status = 'resolved' AND c.awaiting_reply = 1) AS resolved_waiting,
                      COUNT(*) FILTER (WHERE ct.banned_at IS NOT NULL) AS banned,
                      COUNT(*) FILTER (WHERE ct.banned_at IS NOT NULL AND c.awaiting_reply = 1) AS banned_waiting
                    FROM conversations c JOIN contacts ct ON ct.id = c.contact_id WHERE \(visible.sql)
                    """,
                arguments: [me, me] + visible.arguments
            )
            func count(_ total: String, _ waiting: String) throws -> QueueCount {
                QueueCount(total: try row?[total] ?? 0, awaitingReply: try row?[waiting] ?? 0)
            }
            return [
                .mine: try count("mine", "mine_waiting"),
                .unassigned: try count("unassigned", "unassigned_waiting"),
                .all: try count("open", "open_waiting"),
                .resolved: try count("resolved", "resolved_waiting"),
                .banned: try count("banned", "banned_waiting"),
            ]
        }
    }

    public func timeline(contactID: ContactID, viewer: Viewer, before: MessageID?, limit: Int) async throws -> [TimelineEntry] {
        let visible = InboxSQL.visibility(viewer)
        return try await read { db in
            try await db.rows(
                sql: InboxSQL.timelineSelect + " WHERE c.contact_id = ? AND \(visible.sql) AND m.id < ? ORDER BY m.id DESC LIMIT ?",
                arguments: [contactID.rawValue] + visible.arguments + [before?.rawValue ?? Int64.max, limit]
            ).map(RowDecoding.timelineEntry)
        }
    }
}
