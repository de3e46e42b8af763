import HTTPTypes
public import Hummingbird
import NIOCore

/// `GET /api/v1/openapi.json`: the API's description, public like any API reference.
public struct OpenAPIController: Sendable {
    let json: String

    /// Creates the controller serving an assembled document.
    public init(document: OpenAPIDocument) {
        json = document.json
    }

    /// The route.
    public var routes: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("api/v1/openapi.json") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            headers[.cacheControl] = "no-cache"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: json)))
        }
        return routes
    }
}
