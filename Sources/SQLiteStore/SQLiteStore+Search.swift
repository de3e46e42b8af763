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

    /// Newest matches first, walking the full-text index; a common word searched in a range that
    /// ends in the past walks the time index instead (see `SearchSQL.idsByTime`).
    private static func searchMessages(_ db: Database, _ query: SearchQuery, viewer: Viewer, limit: Int) throws -> [SearchHit] {
        let visible = InboxSQL.visibility(viewer)
        let filters = SearchSQL.conversationFilters(query.filters)
        let times = SearchSQL.messageTimes(query.filters)
        let conditions = [visible.sql] + filters.sql + times.sql
        let arguments = visible.arguments + filters.arguments + times.arguments
        if query.filters.until != nil, try isCommon(db, query) {
            let ids = try Int64.fetchAll(
                db.cachedStatement(sql: SearchSQL.idsByTime(conditions)),
                arguments: [query.matchExpression] + arguments + [limit]
            )
            return try messageHits(db, query, ids: ids)
        }
        let sql = SearchSQL.messages + " WHERE messages_fts MATCH ? AND " + conditions.joined(separator: " AND ") + " ORDER BY f.rowid DESC LIMIT ?"
        return try db.cachedRows(sql: sql, arguments: [query.matchExpression] + arguments + [limit]).map(hit)
    }

    private static func isCommon(_ db: Database, _ query: SearchQuery) throws -> Bool {
        let count = try db.cachedValue(Int.self, sql: SearchSQL.countCapped, arguments: [query.matchExpression, SearchSQL.commonMatches])
        return (count ?? 0) >= SearchSQL.commonMatches
    }

    /// The hits of messages already chosen, in the order of `ids`.
    private static func messageHits(_ db: Database, _ query: SearchQuery, ids: [Int64]) throws -> [SearchHit] {
        guard !ids.isEmpty else { return [] }
        // Not cached: the number of placeholders changes with every page size.
        let placeholders = ids.map { _ in "?" }.joined(separator: ", ")
        var arguments: StatementArguments = [query.matchExpression]
        for id in ids { arguments += [id] }
        // `+f.rowid`: one pass over the matches. A plain `f.rowid IN` makes SQLite run the MATCH again
        // for every id, and a prefix MATCH reads the whole doclist each time (5 times slower at 20 ids).
        let sql = SearchSQL.messages + " WHERE messages_fts MATCH ? AND +f.rowid IN (\(placeholders))"
        let hits = try Dictionary(
            uniqueKeysWithValues: Row.fetchAll(db, sql: sql, arguments: arguments).map { row in (row["id"] as Int64, try hit(row)) }
        )
        return ids.compactMap { hits[$0] }
    }

    private static func hit(_ row: Row) throws -> SearchHit {
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
        IdentityHandle.all(
            (packed ?? "").split(separator: "\u{1F}").map { identity in
                let fields = identity.split(separator: "\u{1E}", omittingEmptySubsequences: false).map(String.init)
                return IdentityHandle.Account(username: fields.first, profileName: fields.count > 1 ? fields[1] : nil)
            }
        )
    }
}
