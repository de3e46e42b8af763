import Foundation
import SwitchboardCore

/// The SQL of the inbox search: the two queries and the conditions the filters add.
///
/// SQLite's FTS5 tables are plain tables here (`messages_fts`, `contacts_fts`, see migrations 0009 and 0027) whose
/// `document` column is a `tsvector` under a GIN index. The MATCH expressions `SearchQuery` writes are translated to
/// `tsquery` text (`FTSExpression.tsquery`): a `"word"*` prefix term becomes `'word':*`. FTS5's `snippet()` has no
/// equivalent (`ts_headline` picks other fragments and reads words with another parser), so `SearchSnippet` rebuilds it.
enum SearchSQL {
    /// Messages and notes, newest first. With `ORDER BY f.message_id DESC LIMIT`, PostgreSQL either walks the
    /// primary key backwards testing each document (a common word stops early) or collects a rare word's few
    /// matches from the GIN index and sorts them, whichever it estimates cheaper.
    ///
    /// The snippet is made from `text` afterwards; `last_revision` is NULL because SQLite's row had no such column.
    static let messages = """
        SELECT m.*, ch.kind AS channel_kind, ch.name AS channel_name,
               CASE m.author_kind WHEN 'operator' THEN op.display_name WHEN 'client' THEN ct.display_name END AS author_name,
               NULL::text AS last_revision,
               ct.id AS contact_id, ct.display_name AS contact_display_name, ct.preferred_name AS contact_preferred_name
        FROM messages_fts f
        JOIN messages m ON m.id = f.message_id
        JOIN conversations c ON c.id = m.conversation_id
        JOIN contacts ct ON ct.id = c.contact_id
        JOIN channels ch ON ch.id = m.channel_id
        LEFT JOIN operators op ON op.id = m.author_operator_id
        """

    /// The condition standing for SQLite's `messages_fts MATCH ?`; its argument is `FTSExpression.tsquery` text.
    static let matches = "f.document @@ to_tsquery('simple', ?)"

    /// Matches counted up to this many tell a common word from a rare one.
    static let commonMatches = 5_000

    /// Whether the words match at least `commonMatches` messages (reading no more than that).
    static let countCapped = """
        SELECT count(*) FROM (SELECT 1 FROM messages_fts WHERE document @@ to_tsquery('simple', ?) LIMIT ?) matching
        """

    /// Ids of matching messages in a time range ending in the past, newest first, ordered by time: the matches
    /// are collected once, so the newer matches outside the range cost nothing to skip. SQLite's time index
    /// broke ties of `created_at` by its other columns; the id breaks them here.
    static func idsByTime(_ conditions: [String]) -> String {
        """
        SELECT m.id FROM messages m
        JOIN conversations c ON c.id = m.conversation_id
        WHERE m.id IN (SELECT message_id FROM messages_fts WHERE document @@ to_tsquery('simple', ?))
          AND \(conditions.joined(separator: " AND "))
        ORDER BY m.created_at DESC, m.id DESC LIMIT ?
        """
    }

    /// Contacts, newest first, each with the newest conversation that passes `conditions`. Not by
    /// rank: ranking scores every match, and a phone prefix or a common name matches tens of thousands.
    ///
    /// PostgreSQL cannot test a select-list alias in WHERE as SQLite did (`conversation_id IS NOT NULL`):
    /// the newest conversation is a lateral join, which drops the contacts that have none.
    static func contacts(conversationConditions conditions: String) -> String {
        """
        SELECT ct.id, ct.display_name, ct.preferred_name, ct.phone,
               (SELECT string_agg(COALESCE(i.username, '') || chr(30) || COALESCE(i.profile_name, ''), chr(31) ORDER BY i.id)
                FROM identities i WHERE i.contact_id = ct.id) AS handles,
               newest.conversation_id
        FROM contacts_fts f
        JOIN contacts ct ON ct.id = f.contact_id
        CROSS JOIN LATERAL (
            SELECT c.id AS conversation_id FROM conversations c WHERE c.contact_id = ct.id AND \(conditions) ORDER BY c.id DESC LIMIT 1
        ) newest
        WHERE f.document @@ to_tsquery('simple', ?) AND ct.merged_into IS NULL
        ORDER BY f.contact_id DESC LIMIT ?
        """
    }

    /// Conditions on `conversations c` the filters add (channel, assignee, status, label).
    static func conversationFilters(_ filters: SearchFilters) -> (sql: [String], arguments: [any SQLArgument]) {
        var conditions: [String] = []
        var arguments: [any SQLArgument] = []
        if let channelID = filters.channelID {
            conditions.append("c.channel_id = ?")
            arguments.append(channelID.rawValue)
        }
        if let operatorID = filters.operatorID {
            conditions.append("c.assignee_id = ?")
            arguments.append(operatorID.rawValue)
        }
        if let status = filters.status {
            conditions.append("c.status = ?")
            arguments.append(status.rawValue)
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
    static func messageTimes(_ filters: SearchFilters) -> (sql: [String], arguments: [any SQLArgument]) {
        var conditions: [String] = []
        var arguments: [any SQLArgument] = []
        if let from = filters.from {
            conditions.append("m.created_at >= ?")
            arguments.append(from.timeIntervalSince1970)
        }
        if let until = filters.until {
            conditions.append("m.created_at < ?")
            arguments.append(until.timeIntervalSince1970)
        }
        return (conditions, arguments)
    }

    /// The time range on conversations `c`: active at some moment inside it.
    static func conversationTimes(_ filters: SearchFilters) -> (sql: [String], arguments: [any SQLArgument]) {
        var conditions: [String] = []
        var arguments: [any SQLArgument] = []
        if let from = filters.from {
            conditions.append("c.last_message_at >= ?")
            arguments.append(from.timeIntervalSince1970)
        }
        if let until = filters.until {
            conditions.append("c.opened_at < ?")
            arguments.append(until.timeIntervalSince1970)
        }
        return (conditions, arguments)
    }
}
