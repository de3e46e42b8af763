import Foundation
import HTTPTypes
public import Hummingbird
import SwitchboardCore

/// `GET /api/v1/search`: full-text search over the messages, notes and contacts the operator may see.
public struct SearchController: Sendable {
    let dependencies: InboxDependencies

    /// Creates the controller.
    public init(dependencies: InboxDependencies) {
        self.dependencies = dependencies
    }

    /// The route.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        routes.group(context: ReaderRequestContext.self).get("api/v1/search") { request, context in
            let viewer = context.viewer
            let query = try await searchQuery(request)
            let limit = try ConversationController.limit(request.uri.queryParameters["limit"].map(String.init) ?? "20")
            let results = try await dependencies.store.search(query, viewer: viewer, limit: limit)
            return try JSONResponse.make(SearchPayload(results, words: query.words))
        }
        return routes
    }

    /// Reads and checks the parameters; ids must name an existing channel or operator.
    /// - Throws: `APIError` 400 `invalid_<parameter>` naming what is wrong.
    func searchQuery(_ request: Request) async throws -> SearchQuery {
        let parameters = request.uri.queryParameters
        let text = { (name: String) in parameters[Substring(name)].map(String.init) }
        let query: SearchQuery
        do throws(SearchInputError) {
            let filters = try SearchFilters.parse(
                from: text("from"),
                to: text("to"),
                channel: text("channel"),
                operator: text("operator"),
                status: text("status"),
                label: text("label")
            )
            query = try SearchQuery(text("q") ?? "", filters: filters)
        } catch {
            throw APIError(.badRequest, code: "invalid_\(error.field)", message: error.message)
        }
        if let channelID = query.filters.channelID, try await !dependencies.store.channels().contains(where: { $0.id == channelID }) {
            throw APIError(.badRequest, code: "invalid_channel", message: "channel \(channelID.rawValue) does not exist.")
        }
        if let operatorID = query.filters.operatorID, try await dependencies.store.viewer(operatorID) == nil {
            throw APIError(.badRequest, code: "invalid_operator", message: "operator \(operatorID.rawValue) does not exist.")
        }
        return query
    }
}
