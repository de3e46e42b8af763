import Accounts
public import Foundation
import HTTPTypes
public import Hummingbird
public import SwitchboardCore

/// How deep-link contexts are made: where the links point, how long keys live, and the time.
public struct ContextSettings: Sendable {
    public let deepLinks: any DeepLinkDirectory
    public let timeToLive: TimeInterval
    public let clock: any WallClock

    /// Creates the settings.
    public init(deepLinks: any DeepLinkDirectory, timeToLive: TimeInterval, clock: any WallClock) {
        self.deepLinks = deepLinks
        self.timeToLive = timeToLive
        self.clock = clock
    }
}

/// `POST /api/v1/contexts` (API key): the company's site registers what the operator should see and
/// gets a key with ready deep links. `GET /api/v1/conversations/{id}/context` shows it to operators.
public struct ContextController: Sendable {
    let dependencies: InboxDependencies
    let settings: ContextSettings

    /// The largest context body accepted: enough for a page trail, small enough to stay a pointer.
    static let maxBodyBytes = 16 * 1024

    /// Creates the controller.
    public init(dependencies: InboxDependencies, settings: ContextSettings) {
        self.dependencies = dependencies
        self.settings = settings
    }

    struct Create: Decodable {
        let data: JSONValue
    }

    struct Created: Encodable {
        let key: String
        let expiresAt: Date
        let links: [DeepLink]
    }

    /// The routes.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        routes.group(context: ContextKeyRequestContext.self).post("api/v1/contexts") { request, context in
            let apiKey = context.apiKey
            let body = try await JSONResponse.decode(Create.self, from: request, limit: Self.maxBodyBytes)
            guard case .object = body.data else {
                throw APIError(.badRequest, code: "invalid_context", message: "data must be a JSON object.")
            }
            let now = settings.clock.now()
            let context = DeepLinkContext(
                key: APIKeyTokens.newContextKey(),
                data: body.data.jsonText,
                createdAt: now,
                expiresAt: now.addingTimeInterval(settings.timeToLive)
            )
            try await dependencies.store.createContext(context, apiKeyID: apiKey.id)
            let links = try await settings.deepLinks.links(for: context.key)
            return try JSONResponse.make(Created(key: context.key, expiresAt: context.expiresAt, links: links), status: .created)
        }
        routes.group(context: ReaderRequestContext.self).get("api/v1/conversations/:id/context") { _, context in
            let viewer = context.viewer
            guard let raw = context.parameters.get("id"), let id = Int64(raw),
                try await dependencies.store.conversationSummary(ConversationID(id), viewer: viewer) != nil
            else { throw ConversationController.notFound }
            guard let pinned = try await dependencies.store.pinnedContext(of: ConversationID(id)) else {
                throw APIError(.notFound, code: "no_context", message: "This conversation did not arrive through a deep link.")
            }
            return try JSONResponse.make(ContextDTO(pinned))
        }
        return routes
    }
}
