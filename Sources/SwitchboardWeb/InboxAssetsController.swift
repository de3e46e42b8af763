import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore

/// Serves the web inbox: `/` is its page, `/inbox/<file>` its scripts, styles and images.
public struct InboxAssetsController: Sendable {
    let folder: URL

    /// Creates the controller over the bundled `Inbox` folder.
    public init() {
        folder =
            Bundle.module.resourceURL?.appendingPathComponent("Inbox", isDirectory: true)
            ?? URL(fileURLWithPath: "Inbox", isDirectory: true)
    }

    static let types = [
        "html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8",
        "svg": "image/svg+xml", "png": "image/png", "ico": "image/x-icon", "json": "application/json", "mp3": "audio/mpeg",
        "wav": "audio/wav", "woff2": "font/woff2",
    ]

    /// The routes.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        routes.get("/") { _, _ in try file("index.html") }
        routes.get("inbox/**") { _, context in try file(context.parameters.getCatchAll().joined(separator: "/")) }
        return routes
    }

    private func file(_ path: String) throws -> Response {
        let parts = path.split(separator: "/")
        let notFound = APIError(.notFound, code: "not_found", message: "No such file.")
        guard !parts.isEmpty, !parts.contains(where: { $0.hasPrefix(".") }) else { throw notFound }
        let url = folder.appendingPathComponent(parts.joined(separator: "/"))
        guard let data = try? Data(contentsOf: url) else { throw notFound }
        var headers = HTTPFields()
        headers[.contentType] = Self.types[url.pathExtension.lowercased()] ?? "application/octet-stream"
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
