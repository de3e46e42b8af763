import Foundation

/// A small, strict `multipart/form-data` reader for checking what libcurl sent.
enum MultipartParser {
    /// Why a body could not be parsed.
    enum Failure: Error {
        case noBoundary
        case malformed(String)
    }

    /// Splits `body` into parts using the boundary from `contentType`.
    static func parse(_ body: Data, contentType: String) throws -> [EchoedPart] {
        guard let range = contentType.range(of: "boundary=") else { throw Failure.noBoundary }
        let boundary = contentType[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        let delimiter = Data("--\(boundary)".utf8)
        var parts: [EchoedPart] = []
        guard var cursor = body.range(of: delimiter)?.upperBound else { throw Failure.malformed("no first delimiter") }
        while true {
            // After a delimiter comes either "--" (the end) or CRLF and a part.
            if body[cursor...].starts(with: Data("--".utf8)) {
                return parts
            }
            guard body[cursor...].starts(with: Data("\r\n".utf8)) else { throw Failure.malformed("no CRLF after delimiter") }
            let partStart = cursor + 2
            guard let next = body.range(of: Data("\r\n".utf8) + delimiter, in: partStart..<body.endIndex) else {
                throw Failure.malformed("unterminated part")
            }
            parts.append(try self.parsePart(body[partStart..<next.lowerBound]))
            cursor = next.upperBound
        }
    }

    private static func parsePart(_ part: Data) throws -> EchoedPart {
        guard let split = part.range(of: Data("\r\n\r\n".utf8)) else { throw Failure.malformed("no header end") }
        let headerText = String(decoding: part[part.startIndex..<split.lowerBound], as: UTF8.self)
        var name: String?
        var fileName: String?
        var contentType: String?
        for line in headerText.components(separatedBy: "\r\n") {
            let lower = line.lowercased()
            if lower.hasPrefix("content-disposition:") {
                name = self.parameter("name", in: line)
                fileName = self.parameter("filename", in: line)
            } else if lower.hasPrefix("content-type:") {
                contentType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
            }
        }
        guard let name else { throw Failure.malformed("part without name") }
        return EchoedPart(name: name, fileName: fileName, contentType: contentType, data: Data(part[split.upperBound...]))
    }

    /// The quoted value of `key="value"` in a header line.
    private static func parameter(_ key: String, in line: String) -> String? {
        guard let start = line.range(of: " \(key)=\"") ?? line.range(of: ";\(key)=\"") else { return nil }
        let rest = line[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}
