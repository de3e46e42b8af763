import Foundation
public import Hummingbird
public import SwitchboardCore

/// `GET /api/v1/audit` (admins): the audit log, newest first, a page at a time.
public struct AuditController: Sendable {
    let store: any AdminStore

    /// Creates the controller.
    public init(store: any AdminStore) {
        self.store = store
    }

    /// One entry as the API shows it.
    struct EntryDTO: Encodable {
        struct Actor: Encodable {
            let kind: AuditActor.Kind
            let id: OperatorID?
            let name: String

            enum CodingKeys: String, CodingKey {
                case kind, id, name
            }

            /// Writes `id` as null for actors that are not operators, rather than leaving it out.
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(kind, forKey: .kind)
                try container.encode(id, forKey: .id)
                try container.encode(name, forKey: .name)
            }
        }

        let id: Int64
        /// ISO 8601.
        let at: String
        let actor: Actor
        let action: String
        let target: String
        let changes: [String: AuditChange]

        init(_ entry: AuditEntry) {
            id = entry.id ?? 0
            at = entry.at.ISO8601Format()
            actor = Actor(kind: entry.actor.kind, id: entry.actor.id, name: entry.actor.name)
            action = entry.action
            target = entry.target
            changes = entry.changes
        }
    }

    /// A page; `nextBefore` is the `before` of the next page, null on the last one.
    struct Page: Encodable {
        let items: [EntryDTO]
        let nextBefore: Int64?

        enum CodingKeys: String, CodingKey {
            case items, nextBefore
        }

        /// Writes `nextBefore` as null on the last page, rather than leaving it out.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(items, forKey: .items)
            try container.encode(nextBefore, forKey: .nextBefore)
        }
    }

    /// The routes.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        let adminsOrKeys = routes.group(context: AdminOrKeyRequestContext.self)
        adminsOrKeys.get("api/v1/audit") { request, context in
            let query = try Self.query(request)
            // One more than asked tells whether another page exists.
            var asked = query
            asked.limit += 1
            let entries = try await store.auditEntries(asked)
            let page = Array(entries.prefix(query.limit))
            let next = entries.count > query.limit ? page.last?.id : nil
            return try JSONResponse.make(Page(items: page.map(EntryDTO.init), nextBefore: next))
        }
        return routes
    }

    /// The query of `?limit=&before=&actor=&action=`.
    /// - Throws: 400 `invalid_query` naming the parameter.
    static func query(_ request: Request) throws -> AuditQuery {
        let parameters = request.uri.queryParameters
        func number(_ name: String, _ range: ClosedRange<Int64>) throws -> Int64? {
            guard let raw = parameters[Substring(name)].map(String.init) else { return nil }
            guard let value = Int64(raw), range.contains(value) else {
                throw APIError(
                    .badRequest,
                    code: "invalid_query",
                    message: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)."
                )
            }
            return value
        }
        let action = parameters["action"].map(String.init)
        if let action, action.count > 64 {
            throw APIError(.badRequest, code: "invalid_query", message: "action is a prefix of at most 64 characters.")
        }
        return AuditQuery(
            limit: Int(try number("limit", 1...200) ?? 50),
            before: try number("before", 1...Int64.max),
            actorID: try number("actor", 1...Int64.max).map(OperatorID.init),
            actionPrefix: action
        )
    }
}
