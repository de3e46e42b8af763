import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore

/// JSON responses and bodies with the API's conventions: dates as milliseconds since 1970.
public enum JSONResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }()

    /// Encodes `value` as the response body.
    public static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Decodes a JSON request body of at most `limit` bytes.
    /// - Throws: 413 when larger, 400 `invalid_json` when it is not the expected shape.
    public static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int = 1 << 20) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw APIError(.contentTooLarge, code: "too_large", message: "The request body is larger than \(limit) bytes.")
        }
        do {
            return try decoder.decode(T.self, from: Data(buffer.readableBytesView))
        } catch {
            throw APIError(.badRequest, code: "invalid_json", message: "The request body is not valid JSON of the expected shape.")
        }
    }

    /// An empty 204 answer.
    static var noContent: Response { Response(status: .noContent) }
}
