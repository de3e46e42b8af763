/// Which scope an API key needs for a route of `/api/v1`; routes absent here are for signed-in
/// operators only (sessions, presence, uploads, channel tokens…).
public enum APIRouteAccess {
    /// The scope a key needs for `method` on `path`, or nil when keys may not use the route at all.
    /// - Parameters:
    ///   - method: the HTTP method in upper case (`GET`, `POST`…).
    ///   - path: the request path without the query (`/api/v1/conversations/12/messages`).
    public static func requiredScope(method: String, path: String) -> APIScope? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard segments.count >= 3, segments[0] == "api", segments[1] == "v1" else { return nil }
        // Ids become `:id`, so one template covers every conversation.
        let template = segments.dropFirst(2).map { Int64($0) == nil ? $0 : ":id" }.joined(separator: "/")
        if method == "GET", template.hasPrefix("reports/") { return .reportsRead }
        return routes["\(method) \(template)"]
    }

    /// Route templates (method, space, path after `/api/v1/`) and the scope each needs.
    static let routes: [String: APIScope] = [
        "POST contexts": .contextsWrite,
        "GET conversations": .conversationsRead,
        "GET conversations/:id": .conversationsRead,
        "GET conversations/:id/messages": .conversationsRead,
        "GET conversations/:id/messages/:id/edits": .conversationsRead,
        "GET conversations/:id/context": .conversationsRead,
        "GET search": .conversationsRead,
        "GET exports/conversations": .conversationsRead,
        "POST conversations/:id/messages": .messagesWrite,
        "GET api-keys": .admin,
        "POST api-keys": .admin,
        "DELETE api-keys/:id": .admin,
        "GET audit": .admin,
        "GET webhooks": .admin,
        "POST webhooks": .admin,
        "GET webhooks/:id": .admin,
        "PATCH webhooks/:id": .admin,
        "DELETE webhooks/:id": .admin,
        "GET webhooks/:id/deliveries": .admin,
        "POST webhooks/:id/deliveries/:id/resend": .admin,
        "POST departments": .admin,
        "PATCH departments/:id": .admin,
        "GET settings/routing": .admin,
        "PUT settings/routing": .admin,
        "GET settings/channels/:id/routing": .admin,
        "PUT settings/channels/:id/routing": .admin,
    ]
}
