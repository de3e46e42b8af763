public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    public func conversations(
        _ filter: ConversationFilter,
        viewer: Viewer,
        channelID: ChannelID?,
        departmentID: DepartmentID?,
        after cursor: ConversationCursor?,
        limit: Int
    ) async throws -> [ConversationSummary] {
        try await pool.read { db in
            let visible = InboxSQL.visibility(viewer)
            let queue = InboxSQL.filter(filter, viewer: viewer)
            var conditions = [visible.sql, queue.sql]
            var arguments = visible.arguments + queue.arguments
            if let channelID {
                conditions.append("c.channel_id = ?")
                arguments += [channelID.rawValue]
            }
            if let departmentID {
                conditions.append("c.department_id = ?")
                arguments += [departmentID.rawValue]
            }
            if let cursor {
                conditions.append("(c.last_message_at < ? OR (c.last_message_at = ? AND c.id < ?))")
                let at = cursor.lastMessageAt.timeIntervalSince1970
                arguments += [at, at, cursor.id.rawValue]
            }
            arguments += [limit]
            let sql =
                InboxSQL.summarySelect + " WHERE " + conditions.joined(separator: " AND ")
                + " ORDER BY c.last_message_at DESC, c.id DESC LIMIT ?"
            return try db.cachedRows(sql: sql, arguments: arguments).map(RowDecoding.summary)
        }
    }

    public func conversationSummary(_ id: ConversationID, viewer: Viewer) async throws -> ConversationSummary? {
        try await pool.read { db in
            let visible = InboxSQL.visibility(viewer)
            return try db.cachedRow(sql: InboxSQL.summarySelect + " WHERE c.id = ? AND \(visible.sql)", arguments: [id.rawValue] + visible.arguments)
                .map(RowDecoding.summary)
        }
    }

    public func conversations(ofContact contactID: ContactID, viewer: Viewer) async throws -> [ConversationSummary] {
        try await pool.read { db in
            let visible = InboxSQL.visibility(viewer)
            return try db.cachedRows(
                sql: InboxSQL.summarySelect + " WHERE c.contact_id = ? AND \(visible.sql) ORDER BY c.id DESC",
                arguments: [contactID.rawValue] + visible.arguments
            ).map(RowDecoding.summary)
        }
    }

    public func queueCounts(viewer: Viewer) async throws -> [ConversationFilter: QueueCount] {
        try await pool.read { db in
            let visible = InboxSQL.visibility(viewer)
            let me = viewer.operatorID.rawValue
            let row = try db.cachedRow(
                sql: """
                    SELECT
                      COALESCE(SUM(ct.banned_at IS NULL AND c.status != 'resolved' AND c.assignee_id = ?), 0) AS mine,
                      COALESCE(SUM(ct.banned_at IS NULL AND c.status != 'resolved' AND c.assignee_id = ? AND c.awaiting_reply), 0) AS mine_waiting,
                      COALESCE(SUM(ct.banned_at IS NULL AND c.status != 'resolved' AND c.assignee_id IS NULL), 0) AS unassigned,
                      COALESCE(SUM(ct.banned_at IS NULL AND c.status != 'resolved' AND c.assignee_id IS NULL AND c.awaiting_reply), 0) AS unassigned_waiting,
                      COALESCE(SUM(ct.banned_at IS NULL AND c.status != 'resolved'), 0) AS open,
                      COALESCE(SUM(ct.banned_at IS NULL AND c.status != 'resolved' AND c.awaiting_reply), 0) AS open_waiting,
                      COALESCE(SUM(ct.banned_at IS NULL AND c.status = 'resolved'), 0) AS resolved,
                      COALESCE(SUM(ct.banned_at IS NULL AND c.status = 'resolved' AND c.awaiting_reply), 0) AS resolved_waiting,
                      COALESCE(SUM(ct.banned_at IS NOT NULL), 0) AS banned,
                      COALESCE(SUM(ct.banned_at IS NOT NULL AND c.awaiting_reply), 0) AS banned_waiting
                    FROM conversations c JOIN contacts ct ON ct.id = c.contact_id WHERE \(visible.sql)
                    """,
                arguments: [me, me] + visible.arguments
            )
            func count(_ total: String, _ waiting: String) -> QueueCount {
                QueueCount(total: row?[total] ?? 0, awaitingReply: row?[waiting] ?? 0)
            }
            return [
                .mine: count("mine", "mine_waiting"),
                .unassigned: count("unassigned", "unassigned_waiting"),
                .all: count("open", "open_waiting"),
                .resolved: count("resolved", "resolved_waiting"),
                .banned: count("banned", "banned_waiting"),
            ]
        }
    }

    public func timeline(contactID: ContactID, viewer: Viewer, before: MessageID?, limit: Int) async throws -> [TimelineEntry] {
        let visible = InboxSQL.visibility(viewer)
        return try await pool.read { db in
            try db.cachedRows(
                sql: InboxSQL.timelineSelect + " WHERE c.contact_id = ? AND \(visible.sql) AND m.id < ? ORDER BY m.id DESC LIMIT ?",
                arguments: [contactID.rawValue] + visible.arguments + [before?.rawValue ?? Int64.max, limit]
            ).map(RowDecoding.timelineEntry)
        }
    }
}
