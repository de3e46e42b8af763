import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func search(_ query: SearchQuery, viewer: Viewer, limit: Int) async throws -> SearchResults {
        try await read { db in
            SearchResults(
                messages: try await Self.searchMessages(db, query, viewer: viewer, limit: limit),
                contacts: try await Self.searchContacts(db, query, viewer: viewer, limit: limit)
            )
        }
    }

    /// Newest matches first, from the full-text index; a common word searched in a range that ends in
    /// the past is read in time order instead (see `SearchSQL.idsByTime`).
    private static func searchMessages(_ db: Session, _ query: SearchQuery, viewer: Viewer, limit: Int) async throws -> [SearchHit] {
        let visible = InboxSQL.visibility(viewer)
        let filters = SearchSQL.conversationFilters(query.filters)
        let times = SearchSQL.messageTimes(query.filters)
        let conditions = [visible.sql] + filters.sql + times.sql
        let arguments = visible.arguments + filters.arguments + times.arguments
        let match = FTSExpression.tsquery(query.matchExpression)
        if query.filters.until != nil, try await isCommon(db, match) {
            let ids = try await db.values(Int64.self, sql: SearchSQL.idsByTime(conditions), arguments: [match] + arguments + [limit])
            return try await messageHits(db, query, ids: ids)
        }
        let sql =
            SearchSQL.messages + " WHERE \(SearchSQL.matches) AND " + conditions.joined(separator: " AND ")
            + " ORDER BY f.message_id DESC LIMIT ?"
        return try await db.rows(sql: sql, arguments: [match] + arguments + [limit]).map { try hit($0, query) }
    }

    private static func isCommon(_ db: Session, _ match: String) async throws -> Bool {
        let count = try await db.value(Int.self, sql: SearchSQL.countCapped, arguments: [match, SearchSQL.commonMatches])
        return (count ?? 0) >= SearchSQL.commonMatches
    }

    /// The hits of messages already chosen, in the order of `ids`.
    private static func messageHits(_ db: Session, _ query: SearchQuery, ids: [Int64]) async throws -> [SearchHit] {
        guard !ids.isEmpty else { return [] }
        // The ids matched already, and the snippet is made here from the text: no MATCH to run again.
        let sql = SearchSQL.messages + " WHERE f.message_id = ANY(?)"
        let rows = try await db.rows(sql: sql, arguments: [ids])
        let hits = try Dictionary(uniqueKeysWithValues: rows.map { row in (try row["id"] as Int64, try hit(row, query)) })
        return ids.compactMap { hits[$0] }
    }

    private static func hit(_ row: SQLRow, _ query: SearchQuery) throws -> SearchHit {
        SearchHit(
            entry: try RowDecoding.timelineEntry(row),
            snippet: SearchSnippet.make(try row["text"], expression: query.matchExpression),
            contact: ContactRef(
                id: ContactID(try row["contact_id"]),
                displayName: try row["contact_display_name"],
                preferredName: try row["contact_preferred_name"]
            )
        )
    }

    private static func searchContacts(_ db: Session, _ query: SearchQuery, viewer: Viewer, limit: Int) async throws -> [ContactSearchHit] {
        let visible = InboxSQL.visibility(viewer)
        let filters = SearchSQL.conversationFilters(query.filters)
        let times = SearchSQL.conversationTimes(query.filters)
        let conditions = ([visible.sql] + filters.sql + times.sql).joined(separator: " AND ")
        let match = FTSExpression.tsquery(query.contactMatchExpression)
        let arguments: [any SQLArgument] = visible.arguments + filters.arguments + times.arguments + [match, limit]
        return try await db.rows(sql: SearchSQL.contacts(conversationConditions: conditions), arguments: arguments).map { row in
            ContactSearchHit(
                contact: ContactRef(
                    id: ContactID(try row["id"]),
                    displayName: try row["display_name"],
                    preferredName: try row["preferred_name"]
                ),
                phone: try row["phone"],
                handles: handles(try row["handles"]),
                conversationID: ConversationID(try row["conversation_id"])
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
