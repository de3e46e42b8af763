import Foundation

/// What a `Range` header asks of a file of a known size (RFC 9110 §14).
///
/// Browsers seek in audio and video with single ranges (`bytes=N-`); a multi-range request or a
/// header this does not understand is answered with the whole file, which the RFC allows.
public enum ByteRangeRequest: Equatable, Sendable {
    /// No usable range: send everything with 200.
    case whole
    /// Send these bytes with 206.
    case part(ClosedRange<Int64>)
    /// The range starts past the end: 416 with `Content-Range: bytes */size`.
    case unsatisfiable

    /// Reads `header` (nil when the request had none) against a file of `size` bytes.
    public static func resolve(header: String?, size: Int64) -> ByteRangeRequest {
        guard let header else { return .whole }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("bytes=") else { return .whole }
        let spec = trimmed.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return .whole }
        let first = spec[..<dash].trimmingCharacters(in: .whitespaces)
        let last = spec[spec.index(after: dash)...].trimmingCharacters(in: .whitespaces)
        guard first.allSatisfy(\.isASCIIDigit), last.allSatisfy(\.isASCIIDigit) else { return .whole }
        switch (Int64(first), Int64(last)) {
        case (nil, nil):
            return .whole
        case (nil, let suffix?):
            // The last `suffix` bytes.
            guard suffix > 0, size > 0 else { return .unsatisfiable }
            return .part(max(0, size - suffix)...(size - 1))
        case (let start?, nil):
            guard start < size else { return .unsatisfiable }
            return .part(start...(size - 1))
        case (let start?, let end?):
            guard start <= end else { return .whole }
            guard start < size else { return .unsatisfiable }
            return .part(start...min(end, size - 1))
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
