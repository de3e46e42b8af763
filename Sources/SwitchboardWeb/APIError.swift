public import Foundation
public import HTTPTypes
public import Hummingbird
import NIOCore

/// A client-facing error: an HTTP status and a JSON body `{"error": {"code", "message"}}`.
///
/// Every failure of the HTTP surface is turned into one of these in one place (`JSONErrorMiddleware`),
/// so integrations always get the same shape.
public struct APIError: HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    /// A stable, machine-readable code such as `not_found` or `invalid_json`.
    public let code: String
    /// A sentence for humans; never contains secrets.
    public let message: String

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    private struct Body: Encodable {
        struct Detail: Encodable {
            let code: String
            let message: String
        }
        let error: Detail
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try JSONEncoder().encode(Body(error: .init(code: code, message: message)))
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
