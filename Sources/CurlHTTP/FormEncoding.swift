import Foundation

/// `application/x-www-form-urlencoded` encoding.
enum FormEncoding {
    /// Encodes fields sorted by key, so the same fields always give the same bytes.
    static func encode(_ fields: [String: String]) -> Data {
        let pairs = fields.sorted { $0.key < $1.key }.map { "\(self.escape($0.key))=\(self.escape($0.value))" }
        return Data(pairs.joined(separator: "&").utf8)
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters, byte by byte over UTF-8.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if Self.isUnreserved(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                result += byte < 16 ? "%0" + hex : "%" + hex
            }
        }
        return result
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}
