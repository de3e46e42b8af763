public import Foundation
import Hummingbird
import MultipartForm
import NIOCore

/// A file received in a multipart upload.
public struct UploadedFile: Sendable, Equatable {
    /// The `filename` from the part's `Content-Disposition`.
    public var fileName: String?
    /// The part's `Content-Type`.
    public var mimeType: String?
    /// The uploaded bytes.
    public var bytes: Data

    /// Creates an upload record.
    public init(fileName: String?, mimeType: String?, bytes: Data) {
        self.fileName = fileName
        self.mimeType = mimeType
        self.bytes = bytes
    }
}

/// One Bot API call after transport decoding: every parameter as the text the server would see.
struct BotRequest: Sendable {
    /// Token taken from `/bot<token>/…`.
    var token: String
    /// Method name as sent (matched case-insensitively later).
    var method: String
    /// Text parameters from the query string and the body; JSON values keep their JSON text.
    var params: [String: String]
    /// File parts of a multipart body, by field name.
    var files: [String: UploadedFile]

    /// Largest body accepted: the 50 MB upload limit plus multipart overhead.
    static let maxBodySize = 52 * 1024 * 1024

    /// Decodes a request aimed at `/bot<token>/<method>`.
    /// - Throws: `BotAPIError` for bodies that cannot be decoded.
    static func decode(_ request: inout Request, token: String, method: String) async throws -> BotRequest {
        var result = BotRequest(token: token, method: method, params: [:], files: [:])
        if let query = request.uri.query { result.params = FormURLEncoding.decode(Substring(query)) }
        let contentType = request.headers[.contentType] ?? ""
        let buffer = try await request.collectBody(upTo: maxBodySize)
        guard buffer.readableBytes > 0 else { return result }
        let body = Data(buffer.readableBytesView)
        let mediaType = contentType.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        switch mediaType {
        case "application/json":
            guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                throw BotAPIError.badRequest("can't parse JSON encoded request body")
            }
            for (key, value) in object where !(value is NSNull) { result.params[key] = JSON.fieldText(value) }
        case "multipart/form-data":
            do {
                let boundary = try MultipartParser.boundary(fromContentType: contentType)
                for part in try MultipartParser.parse(body, boundary: boundary) {
                    if part.fileName != nil {
                        result.files[part.name] = UploadedFile(fileName: part.fileName, mimeType: part.contentType, bytes: part.body)
                    } else {
                        result.params[part.name] = String(decoding: part.body, as: UTF8.self)
                    }
                }
            } catch {
                throw BotAPIError.badRequest("can't parse multipart/form-data request body")
            }
        default:
            // The real server treats a body without a known type as form data.
            for (key, value) in FormURLEncoding.decode(Substring(String(decoding: body, as: UTF8.self))) {
                result.params[key] = value
            }
        }
        return result
    }

    /// Every parameter name present, text and file.
    var allNames: Set<String> { Set(params.keys).union(files.keys) }

    /// A non-empty text parameter.
    func string(_ name: String) -> String? {
        guard let value = params[name], !value.isEmpty else { return nil }
        return value
    }

    /// An integer parameter; `nil` when absent or not a number.
    func int(_ name: String) -> Int64? { string(name).flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) } }

    /// A boolean parameter as the server reads it (`true`/`1`).
    func bool(_ name: String) -> Bool {
        guard let value = string(name)?.lowercased() else { return false }
        return value == "true" || value == "1"
    }

    /// A parameter holding JSON (object, array or scalar).
    func json(_ name: String) -> Any? { string(name).flatMap(JSON.decode) }
}
