import Foundation
import GRDB
import SwitchboardCore

/// The SQL of the inbox search: the two queries and the conditions the filters add.
enum SearchSQL {
    /// Messages and notes, newest first. The full-text index drives the loop in rowid order, so
    /// `LIMIT` stops it early: a common word costs as much as a rare one.
    static let messages = """
        SELECT m.*, ch.kind AS channel_kind, ch.name AS channel_name,
               CASE m.author_kind WHEN 'operator' THEN op.display_name WHEN 'client' THEN ct.display_name END AS author_name,
               snippet(messages_fts, 0, '[', ']', '…', 12) AS snippet,
               ct.id AS contact_id, ct.display_name AS contact_display_name, ct.preferred_name AS contact_preferred_name
        FROM messages_fts f
        JOIN messages m ON m.id = f.rowid
        JOIN conversations c ON c.id = m.conversation_id
        JOIN contacts ct ON ct.id = c.contact_id
        JOIN channels ch ON ch.id = m.channel_id
        LEFT JOIN operators op ON op.id = m.author_operator_id
        """

    /// Matches counted up to this many tell a common word from a rare one.
    static let commonMatches = 5_000

    /// Whether the words match at least `commonMatches` messages (reading no more than that).
    static let countCapped = "SELECT count(*) FROM (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? LIMIT ?)"

    /// Ids of matching messages in a time range ending in the past, newest first, read from the time
    /// index: the matches are collected once, so the newer matches outside the range cost nothing to skip.
    static func idsByTime(_ conditions: [String]) -> String {
        """
        SELECT m.id FROM messages m INDEXED BY messages_created
        JOIN conversations c ON c.id = m.conversation_id
        WHERE m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?) AND \(conditions.joined(separator: " AND "))
        ORDER BY m.created_at DESC LIMIT ?
        """
    }

    /// Contacts, newest first, each with the newest conversation that passes `conditions`. Not by
    /// rank: ranking scores every match, and a phone prefix or a common name matches tens of thousands.
    static func contacts(conversationConditions conditions: String) -> String {
        """
        SELECT ct.id, ct.display_name, ct.preferred_name, ct.phone,
               (SELECT group_concat(COALESCE(i.username, '') || char(30) || COALESCE(i.profile_name, ''), char(31))
                FROM identities i WHERE i.contact_id = ct.id) AS handles,
               (SELECT c.id FROM conversations c WHERE c.contact_id = ct.id AND \(conditions) ORDER BY c.id DESC LIMIT 1) AS conversation_id
        FROM contacts_fts f
        JOIN contacts ct ON ct.id = f.rowid
        WHERE contacts_fts MATCH ? AND ct.merged_into IS NULL AND conversation_id IS NOT NULL
        ORDER BY f.rowid DESC LIMIT ?
        """
    }

    /// Conditions on `conversations c` the filters add (channel, assignee, status, label).
    static func conversationFilters(_ filters: SearchFilters) -> (sql: [String], arguments: StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let channelID = filters.channelID {
            conditions.append("c.channel_id = ?")
            arguments += [channelID.rawValue]
        }
        if let operatorID = filters.operatorID {
            conditions.append("c.assignee_id = ?")
            arguments += [operatorID.rawValue]
        }
        if let status = filters.status {
            conditions.append("c.status = ?")
            arguments += [status.rawValue]
        }
        if let label = filters.label {
            conditions.append(
                """
                (EXISTS (SELECT 1 FROM conversation_labels l WHERE l.conversation_id = c.id AND l.label = ?)
                 OR EXISTS (SELECT 1 FROM contact_labels l WHERE l.contact_id = c.contact_id AND l.label = ?))
                """
            )
            arguments += [label, label]
        }
        return (conditions, arguments)
    }

    /// The time range on messages `m`.
    static func messageTimes(_ filters: SearchFilters) -> (sql: [String], arguments: StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let from = filters.from {
            conditions.append("m.created_at >= ?")
            arguments += [from.timeIntervalSince1970]
        }
        if let until = filters.until {
            conditions.append("m.created_at < ?")
            arguments += [until.timeIntervalSince1970]
        }
        return (conditions, arguments)
    }

    /// The time range on conversations `c`: active at some moment inside it.
    static func conversationTimes(_ filters: SearchFilters) -> (sql: [String], arguments: StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let from = filters.from {
            conditions.append("c.last_message_at >= ?")
            arguments += [from.timeIntervalSince1970]
        }
        if let until = filters.until {
            conditions.append("c.opened_at < ?")
            arguments += [until.timeIntervalSince1970]
        }
        return (conditions, arguments)
    }
}
