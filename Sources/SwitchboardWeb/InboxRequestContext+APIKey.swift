import HTTPTypes
public import SwitchboardCore

extension InboxRequestContext {
    /// Who may read conversations: the signed-in operator, or an API key holding `scope` (which sees
    /// every department, `Viewer.integration`). A session wins when a request carries both.
    /// - Throws: 401 without a session or key, 403 `missing_scope` for a key without `scope`.
    public func requireViewer(_ scope: APIScope) throws -> Viewer {
        if let signedIn { return signedIn.viewer }
        _ = try requireKey(scope)
        return .integration
    }

    /// Passes a signed-in operator holding one of `roles`, or an API key holding `scope`.
    /// - Throws: 401 without a session or key, 403 for another role or a key without `scope`.
    public func requireRole(_ roles: Set<OperatorRole>, orKey scope: APIScope) throws {
        if signedIn == nil, apiKey != nil {
            _ = try requireKey(scope)
        } else {
            _ = try requireRole(roles)
        }
    }

    /// The request's API key, which must hold `scope`.
    /// - Throws: 401 `unauthenticated` without a key, 403 `missing_scope` for a key without `scope`.
    public func requireKey(_ scope: APIScope) throws -> APIKey {
        guard let apiKey else {
            throw APIError(.unauthorized, code: "unauthenticated", message: "Sign in, or send an API key as Authorization: Bearer <key>.")
        }
        guard apiKey.allows(scope) else { throw Self.missingScope(scope) }
        return apiKey
    }

    /// The 403 for a key without the scope a route needs; the message names the scope.
    static func missingScope(_ scope: APIScope) -> APIError {
        APIError(.forbidden, code: "missing_scope", message: "This API key lacks the scope \(scope.rawValue).")
    }
}
