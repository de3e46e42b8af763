import Accounts
import Foundation
public import HTTPTypes
public import Hummingbird
import Logging
public import SwitchboardCore

/// Resolves the session cookie to an operator and enforces CSRF on state-changing calls.
public struct SessionMiddleware: RouterMiddleware {
    public typealias Context = InboxRequestContext

    let store: any InboxStore

    /// Creates the middleware.
    public init(store: any InboxStore) {
        self.store = store
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = SessionTokens.cookie(named: SessionTokens.cookieName, in: request.headers[.cookie]),
            let session = try await store.session(tokenHash: SecretTokens.hash(token), now: Date()),
            let (account, viewer) = try await store.viewer(session.operatorID)
        {
            context.signedIn = SignedInOperator(account: account, viewer: viewer, session: session)
        }
        if Self.changesState(request), let signedIn = context.signedIn, !Self.isSignIn(request) {
            let sent = request.headers[HTTPField.Name("X-CSRF-Token")!] ?? ""
            guard SecretTokens.constantTimeEquals(sent, signedIn.session.csrfToken) else {
                throw APIError(.forbidden, code: "csrf", message: "Missing or wrong X-CSRF-Token header.")
            }
        }
        return try await next(request, context)
    }

    static func changesState(_ request: Request) -> Bool {
        ![.get, .head, .options].contains(request.method)
    }

    static func isSignIn(_ request: Request) -> Bool {
        request.method == .post && request.uri.path == "/api/v1/session"
    }
}
