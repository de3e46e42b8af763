import Foundation
import HTTPTypes
public import Hummingbird
import SwitchboardCore

/// The conversation routes: queues, lists, details, the timeline and every operator action.
public struct ConversationController: Sendable {
    let dependencies: InboxDependencies

    /// Creates the controller.
    public init(dependencies: InboxDependencies) {
        self.dependencies = dependencies
    }

    var store: any InboxStore { dependencies.store }

    /// The routes under `/api/v1`.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        routes.group(context: OperatorRequestContext.self).get("api/v1/queues") { _, context in
            let viewer = context.signedIn.viewer
            let counts = try await store.queueCounts(viewer: viewer)
            let body = Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
            return try JSONResponse.make(body)
        }
        let readers = routes.group(context: ReaderRequestContext.self)
        readers.get("api/v1/conversations") { request, context in try await list(request, context) }
        readers.get("api/v1/conversations/:id") { _, context in try await detail(context) }
        readers.get("api/v1/conversations/:id/messages") { request, context in try await messages(request, context) }
        addActions(to: routes)
        return routes
    }

    private func list(_ request: Request, _ context: ReaderRequestContext) async throws -> Response {
        let viewer = context.viewer
        let query = request.uri.queryParameters
        let filterName = query["filter"].map(String.init) ?? "all"
        guard let filter = ConversationFilter(rawValue: filterName) else {
            throw APIError(.badRequest, code: "invalid_filter", message: "filter must be mine, unassigned, all or resolved.")
        }
        let limit = try Self.limit(query["limit"].map(String.init))
        let cursor = try query["cursor"].map { try Self.parseCursor(String($0)) }
        if let label = query["label"].map(String.init) {
            let items = try await store.conversations(labeled: label, filter, viewer: viewer, after: cursor, limit: limit)
            let next = items.count == limit ? items.last.map { "\($0.lastMessageAt.timeIntervalSince1970)_\($0.id)" } : nil
            return try JSONResponse.make(Page(items: items, nextCursor: next))
        }
        let items = try await store.conversations(
            filter,
            viewer: viewer,
            channelID: try query["channel"].map { ChannelID(try Self.integer(String($0), "channel")) },
            departmentID: try query["department"].map { DepartmentID(try Self.integer(String($0), "department")) },
            after: cursor,
            limit: limit
        )
        let next = items.count == limit ? items.last.map { "\($0.lastMessageAt.timeIntervalSince1970)_\($0.id)" } : nil
        return try JSONResponse.make(Page(items: items, nextCursor: next))
    }

    private func detail(_ context: ReaderRequestContext) async throws -> Response {
        let viewer = context.viewer
        let summary = try await visibleConversation(context, viewer: viewer)
        guard let contact = try await store.contact(summary.contact.id) else { throw Self.notFound }
        let channels = try await store.channels()
        let identities = IdentityDTO.list(try await store.identities(of: contact.id), channels: channels)
        let previous = try await store.conversations(ofContact: contact.id, viewer: viewer).filter { $0.id != summary.id }
        return try JSONResponse.make(
            ConversationDetailDTO(
                id: summary.id,
                status: summary.status,
                contact: contact,
                channel: summary.channel,
                assignee: summary.assignee,
                departmentID: summary.departmentID,
                contextKey: summary.contextKey,
                openedAt: summary.openedAt,
                lastMessageAt: summary.lastMessageAt,
                awaitingReply: summary.awaitingReply,
                lastMessage: summary.lastMessage,
                identities: identities,
                previousConversations: previous,
                sentiment: summary.sentiment,
                escalated: summary.escalated,
                context: try await store.pinnedContext(of: summary.id).map(ContextDTO.init),
                labels: try await store.labels(ofConversation: summary.id),
                contactLabels: try await store.labels(ofContact: contact.id),
                merges: try await store.merges(into: contact.id),
                phoneMatches: try await IdentityController.visiblePhoneMatches(of: contact.id, store: store, viewer: viewer),
                replyIdentityID: try await replyIdentity(contact.id),
                feedback: try await store.feedback(summary.id),
                ban: try await store.ban(of: contact.id)
            )
        )
    }

    private func messages(_ request: Request, _ context: ReaderRequestContext) async throws -> Response {
        let viewer = context.viewer
        let summary = try await visibleConversation(context, viewer: viewer)
        let query = request.uri.queryParameters
        let limit = try Self.limit(query["limit"].map(String.init))
        let before = try query["before"].map { MessageID(try Self.integer(String($0), "before")) }
        let entries = try await store.timeline(contactID: summary.contact.id, viewer: viewer, before: before, limit: limit)
        let next = entries.count == limit ? entries.last.map { String($0.message.id.rawValue) } : nil
        return try JSONResponse.make(Page(items: entries.map(TimelineMessageDTO.init), nextCursor: next))
    }

    /// The identity a reply goes to by default: the one the client last wrote from.
    private func replyIdentity(_ contactID: ContactID) async throws -> IdentityID? {
        guard let target = try await store.replyConversation(contactID: contactID, identityID: nil) else { return nil }
        return try await store.conversation(target)?.identityID
    }

    /// The conversation named by the `:id` parameter, if the operator may see it (404 otherwise, so
    /// another department's conversations are not even confirmed to exist).
    func visibleConversation(_ context: some RequestContext, viewer: Viewer) async throws -> ConversationSummary {
        guard let raw = context.parameters.get("id"), let id = Int64(raw) else { throw Self.notFound }
        guard let summary = try await store.conversationSummary(ConversationID(id), viewer: viewer) else { throw Self.notFound }
        return summary
    }

    static let notFound = APIError(.notFound, code: "not_found", message: "No such conversation.")

    static func limit(_ raw: String?) throws -> Int {
        guard let raw else { return 50 }
        guard let value = Int(raw), (1...200).contains(value) else {
            throw APIError(.badRequest, code: "invalid_limit", message: "limit must be between 1 and 200.")
        }
        return value
    }

    static func integer(_ raw: String, _ name: String) throws -> Int64 {
        guard let value = Int64(raw) else { throw APIError(.badRequest, code: "invalid_\(name)", message: "\(name) must be an integer.") }
        return value
    }

    static func parseCursor(_ raw: String) throws -> ConversationCursor {
        let parts = raw.split(separator: "_")
        // The exact stored seconds, so paging neither repeats nor skips rows with close timestamps.
        guard parts.count == 2, let seconds = Double(parts[0]), let id = Int64(parts[1]) else {
            throw APIError(.badRequest, code: "invalid_cursor", message: "cursor is not one this API returned.")
        }
        return ConversationCursor(lastMessageAt: Date(timeIntervalSince1970: seconds), id: ConversationID(id))
    }
}
