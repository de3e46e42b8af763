import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    public func search(_ query: SearchQuery, viewer: Viewer, limit: Int) async throws -> SearchResults {
        try await pool.read { db in
            SearchResults(
                messages: try Self.searchMessages(db, query, viewer: viewer, limit: limit),
                contacts: try Self.searchContacts(db, query, viewer: viewer, limit: limit)
            )
        }
    }

    private static func searchMessages(_ db: Database, _ query: SearchQuery, viewer: Viewer, limit: Int) throws -> [SearchHit] {
        let visible = InboxSQL.visibility(viewer)
        let filters = SearchSQL.conversationFilters(query.filters)
        let times = SearchSQL.messageTimes(query.filters)
        let conditions = ["messages_fts MATCH ?", visible.sql] + filters.sql + times.sql
        let arguments: StatementArguments = [query.matchExpression] + visible.arguments + filters.arguments + times.arguments + [limit]
        let sql = SearchSQL.messages + " WHERE " + conditions.joined(separator: " AND ") + " ORDER BY f.rowid DESC LIMIT ?"
        return try db.cachedRows(sql: sql, arguments: arguments).map { row in
            SearchHit(
                entry: try RowDecoding.timelineEntry(row),
                snippet: row["snippet"],
                contact: ContactRef(
                    id: ContactID(row["contact_id"]),
                    displayName: row["contact_display_name"],
                    preferredName: row["contact_preferred_name"]
                )
            )
        }
    }

    private static func searchContacts(_ db: Database, _ query: SearchQuery, viewer: Viewer, limit: Int) throws -> [ContactSearchHit] {
        let visible = InboxSQL.visibility(viewer)
        let filters = SearchSQL.conversationFilters(query.filters)
        let times = SearchSQL.conversationTimes(query.filters)
        let conditions = ([visible.sql] + filters.sql + times.sql).joined(separator: " AND ")
        let arguments: StatementArguments = visible.arguments + filters.arguments + times.arguments + [query.contactMatchExpression, limit]
        return try db.cachedRows(sql: SearchSQL.contacts(conversationConditions: conditions), arguments: arguments).map { row in
            ContactSearchHit(
                contact: ContactRef(id: ContactID(row["id"]), displayName: row["display_name"], preferredName: row["preferred_name"]),
                phone: row["phone"],
                handles: handles(row["handles"]),
                conversationID: ConversationID(row["conversation_id"])
            )
        }
    }

    /// Usernames and profile names, as the query packs them: identities split by 0x1F, the two fields by 0x1E.
    private static func handles(_ packed: String?) -> [String] {
        var seen: Set<String> = []
        var handles: [String] = []
        for identity in (packed ?? "").split(separator: "\u{1F}") {
            let fields = identity.split(separator: "\u{1E}", omittingEmptySubsequences: false)
            for (index, field) in fields.enumerated() where !field.isEmpty {
                let handle = index == 0 ? "@\(field)" : String(field)
                if seen.insert(handle).inserted { handles.append(handle) }
            }
        }
        return handles
    }
}
