public import Hummingbird
import Logging
import SwitchboardCore
public import SwitchboardEngine

/// Notes that a signed-in operator's session is in use, so their presence does not time out.
/// Runs after `SessionMiddleware`, which resolves the session.
public struct PresenceMiddleware: RouterMiddleware {
    public typealias Context = InboxRequestContext

    let routing: RoutingService

    /// Creates the middleware.
    public init(routing: RoutingService) {
        self.routing = routing
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let signedIn = context.signedIn {
            do {
                try await routing.recordActivity(of: signedIn.account.id)
            } catch {
                // Presence is best effort: a failed write must not fail the operator's request.
                context.logger.warning("could not record activity", metadata: ["error": "\(error)"])
            }
        }
        return try await next(request, context)
    }
}
