import Foundation
import HTTPTypes
public import Hummingbird
import SwitchboardCore

/// `GET /api/v1/search?q=`: full-text search over messages the operator may see.
public struct SearchController: Sendable {
    let dependencies: InboxDependencies

    /// Creates the controller.
    public init(dependencies: InboxDependencies) {
        self.dependencies = dependencies
    }

    struct Hit: Encodable {
        let message: TimelineMessageDTO
        let conversationID: ConversationID
        let snippet: String
    }

    /// The route.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        routes.get("api/v1/search") { request, context in
            let viewer = try context.requireViewer(.conversationsRead)
            let query = request.uri.queryParameters
            guard let text = query["q"].map(String.init), !text.trimmingCharacters(in: .whitespaces).isEmpty, text.count <= 200 else {
                throw APIError(.badRequest, code: "invalid_query", message: "q must be 1 to 200 characters.")
            }
            let limit = try ConversationController.limit(query["limit"].map(String.init) ?? "20")
            let hits = try await dependencies.store.search(text, viewer: viewer, limit: limit)
            return try JSONResponse.make(
                Items(
                    items: hits.map {
                        Hit(message: TimelineMessageDTO($0.entry), conversationID: $0.entry.message.conversationID, snippet: $0.snippet)
                    }
                )
            )
        }
        return routes
    }
}
