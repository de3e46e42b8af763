public import Foundation

/// One part of a `multipart/form-data` body.
public struct MultipartPart: Sendable, Equatable {
    /// The form field name from `Content-Disposition`.
    public var name: String
    /// The file name, present for file uploads.
    public var fileName: String?
    /// The part's `Content-Type`, if sent.
    public var contentType: String?
    /// The raw bytes of the part.
    public var body: Data
}

/// A small `multipart/form-data` parser (RFC 7578), enough for Bot API uploads; pure, so it can be fuzzed.
public enum MultipartParser {
    /// Parsing failures; the fake turns them into 400 answers.
    public enum ParseError: Error {
        /// The `Content-Type` header has no `boundary` parameter.
        case missingBoundary
        /// The body does not follow the multipart framing.
        case malformed
    }

    /// Extracts the boundary from a `multipart/form-data; boundary=…` content type.
    public static func boundary(fromContentType contentType: String) throws -> String {
        let parameters = HeaderParameters.parse(contentType)
        guard let boundary = parameters["boundary"], !boundary.isEmpty else { throw ParseError.missingBoundary }
        return boundary
    }

    /// Splits `body` into its parts.
    /// - Throws: `ParseError.malformed` when a delimiter or header block is missing.
    public static func parse(_ body: Data, boundary: String) throws -> [MultipartPart] {
        let delimiter = Data("--\(boundary)".utf8)
        let nextDelimiter = Data("\r\n--\(boundary)".utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        guard let first = body.range(of: delimiter) else { throw ParseError.malformed }
        var cursor = first.upperBound
        var parts: [MultipartPart] = []
        while true {
            // "--" right after a delimiter closes the body.
            if body.count >= cursor + 2, body[cursor] == UInt8(ascii: "-"), body[cursor + 1] == UInt8(ascii: "-") { break }
            guard let headersRange = body.range(of: headerEnd, in: cursor..<body.endIndex) else { throw ParseError.malformed }
            let headerText = String(decoding: body[cursor..<headersRange.lowerBound], as: UTF8.self)
            guard let end = body.range(of: nextDelimiter, in: headersRange.upperBound..<body.endIndex) else {
                throw ParseError.malformed
            }
            parts.append(try part(headers: headerText, body: Data(body[headersRange.upperBound..<end.lowerBound])))
            cursor = end.upperBound
        }
        return parts
    }

    private static func part(headers: String, body: Data) throws -> MultipartPart {
        var disposition: [String: String] = [:]
        var contentType: String?
        for line in headers.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name == "content-disposition" {
                disposition = HeaderParameters.parse(value)
            } else if name == "content-type" {
                contentType = value
            }
        }
        guard let name = disposition["name"] else { throw ParseError.malformed }
        return MultipartPart(name: name, fileName: disposition["filename"], contentType: contentType, body: body)
    }
}

/// Parses `value; key=value; key="quoted; value"` header parameters.
public enum HeaderParameters {
    /// Returns the parameters with lower-cased keys; the leading bare value is skipped.
    public static func parse(_ header: String) -> [String: String] {
        var result: [String: String] = [:]
        var segments: [String] = []
        var current = ""
        var inQuotes = false
        var escaped = false
        for character in header {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" && inQuotes {
                escaped = true
            } else if character == "\"" {
                inQuotes.toggle()
            } else if character == ";" && !inQuotes {
                segments.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        segments.append(current)
        for segment in segments {
            guard let equals = segment.firstIndex(of: "=") else { continue }
            let key = segment[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            result[key] = String(segment[segment.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        }
        return result
    }
}
