import Foundation
public import HTTPTypes
public import Hummingbird
import NIOCore
public import SwitchboardCore

/// Lets `Authorization: Bearer <key>` through to the `/api/v1` routes the key's scopes open
/// (`APIRouteAccess`): 401 for an unknown or revoked key, 403 naming the missing scope, 429 with
/// `Retry-After` over the key's per-minute limit. Keys need no cookie and no CSRF token: a browser
/// never attaches them on its own, so a forged cross-site request cannot carry one.
public struct APIKeyMiddleware: RouterMiddleware {
    public typealias Context = InboxRequestContext

    let store: any InboxStore
    let limiter: APIKeyRateLimiter
    let clock: any WallClock

    /// Creates the middleware.
    public init(store: any InboxStore, limiter: APIKeyRateLimiter, clock: any WallClock) {
        self.store = store
        self.limiter = limiter
        self.clock = clock
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/api/v1/"), let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            return try await next(request, context)
        }
        let scope = APIRouteAccess.requiredScope(method: request.method.rawValue, path: request.uri.path)
        if context.signedIn != nil {
            // A session wins and was checked (CSRF included) by `SessionMiddleware`; its key is only
            // read where a route wants a key as such (`POST /api/v1/contexts`), and never refuses the session.
            guard let scope, let key = try? await APIKeyAuthentication.authenticate(request, store: store), key.allows(scope) else {
                return try await next(request, context)
            }
            return try await admitted(key, request, context, next)
        }
        let key = try await APIKeyAuthentication.authenticate(request, store: store)
        guard let scope else {
            throw APIError(.forbidden, code: "forbidden", message: "API keys cannot use this route; sign in as an operator.")
        }
        guard key.allows(scope) else { throw InboxRequestContext.missingScope(scope) }
        return try await admitted(key, request, context, next)
    }

    /// Counts the request against the key's limit, then lets it through with the key in its context.
    private func admitted(
        _ key: APIKey,
        _ request: Request,
        _ context: Context,
        _ next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let wait = await limiter.retryAfter(for: key, now: clock.now()) {
            let refusal = APIError(
                .tooManyRequests,
                code: "rate_limited",
                message: "This API key allows \(key.ratePerMinute ?? 0) requests a minute."
            )
            var response = try refusal.response(from: request, context: context)
            response.headers[.retryAfter] = String(wait)
            return response
        }
        var context = context
        context.apiKey = key
        return try await next(request, context)
    }
}
