import Accounts
public import Foundation
import HTTPTypes
public import Hummingbird
import Logging
import SwitchboardCore

/// `POST /api/v1/session` (sign in), `GET` (who am I, after a reload), `DELETE` (sign out).
public struct SessionController: Sendable {
    let dependencies: InboxDependencies
    /// `SWITCHBOARD_PUBLIC_URL`: a browser may sign in only from this origin or the request's host.
    let publicURL: URL

    /// Creates the controller.
    public init(dependencies: InboxDependencies, publicURL: URL) {
        self.dependencies = dependencies
        self.publicURL = publicURL
    }

    struct Credentials: Decodable {
        let login: String
        let password: String
    }

    struct SessionBody: Encodable {
        let `operator`: Operator
        let csrfToken: String
    }

    /// The session routes.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        routes.post("api/v1/session") { request, context in try await signIn(request, context) }
        let operators = routes.group(context: OperatorRequestContext.self)
        operators.get("api/v1/session") { _, context in
            try JSONResponse.make(SessionBody(operator: context.signedIn.account, csrfToken: context.signedIn.session.csrfToken))
        }
        operators.delete("api/v1/session") { _, context in
            try await dependencies.store.deleteSession(tokenHash: context.signedIn.session.tokenHash)
            var response = JSONResponse.noContent
            response.headers[.setCookie] = cookie(value: "", maxAge: 0)
            return response
        }
        return routes
    }

    private func signIn(_ request: Request, _ context: InboxRequestContext) async throws -> Response {
        // Login CSRF: a JSON body cannot come from a plain cross-site form, and a browser names its page.
        guard JSONBodyRule.isJSON(request.headers[.contentType]) else {
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type", message: "Send the sign-in as application/json.")
        }
        guard OriginRule.allows(origin: request.headers[.origin], publicURL: publicURL, host: request.head.authority) else {
            throw APIError(.forbidden, code: "bad_origin", message: "Sign-in is accepted only from the desk's own page.")
        }
        let credentials = try await JSONResponse.decode(Credentials.self, from: request, limit: 16 * 1024)
        // Refused before any lookup or throttle entry, so attacker text never becomes a key or a query.
        guard LoginText.isAcceptable(credentials.login) else {
            throw APIError(.badRequest, code: "invalid_login", message: "A login has 1 to \(LoginText.maxLength) characters.")
        }
        let check = PasswordCheck(dependencies: dependencies)
        guard
            let found = try await check.verify(
                login: credentials.login,
                password: credentials.password,
                address: request.clientAddress(peer: context.peerAddress),
                logger: context.logger
            )
        else {
            throw APIError(.unauthorized, code: "invalid_credentials", message: "Wrong login or password.")
        }
        let token = SecretTokens.random()
        let now = Date()
        let session = OperatorSession(
            tokenHash: SecretTokens.hash(token),
            operatorID: found.id,
            csrfToken: SecretTokens.random(),
            expiresAt: now.addingTimeInterval(dependencies.sessionLifetime)
        )
        try await dependencies.store.createSession(session, at: now)
        var response = try JSONResponse.make(SessionBody(operator: found, csrfToken: session.csrfToken))
        response.headers[.setCookie] = cookie(value: token, maxAge: Int(dependencies.sessionLifetime))
        return response
    }

    private func cookie(value: String, maxAge: Int) -> String {
        let secure = dependencies.secureCookies ? "; Secure" : ""
        return "\(SessionTokens.cookieName)=\(value); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(maxAge)\(secure)"
    }
}
