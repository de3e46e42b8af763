public import Hummingbird
import SwitchboardCore

/// Refuses a body that is not `application/json` on `/api/v1` with 415 before any handler reads it.
///
/// The two routes that take raw files (uploads and operator avatars) are left out; messenger
/// webhooks live under `/webhooks`, outside `/api/v1`.
public struct JSONBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Creates the middleware.
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path.hasPrefix("/api/v1/"), !Self.takesFiles(path) else { return try await next(request, context) }
        let refused = JSONBodyRule.refuses(
            method: request.method.rawValue,
            contentType: request.headers[.contentType],
            contentLength: request.headers[.contentLength].flatMap { Int($0) },
            chunked: request.headers[.transferEncoding] != nil
        )
        if refused {
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type", message: "Send the body as application/json.")
        }
        return try await next(request, context)
    }

    /// `POST /api/v1/uploads` and `PUT /api/v1/operators/{id}/avatar` take files, not JSON.
    static func takesFiles(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        if parts == ["api", "v1", "uploads"] { return true }
        return parts.count == 5 && parts[2] == "operators" && parts[4] == "avatar"
    }
}
