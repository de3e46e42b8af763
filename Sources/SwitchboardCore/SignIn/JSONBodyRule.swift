import Foundation

/// Which request bodies a JSON route accepts: refusing other content types stops a cross-site form
/// (which can only send `text/plain`, urlencoded or multipart without a preflight) from reaching it.
public enum JSONBodyRule {
    /// Whether a `Content-Type` header value names JSON (`application/json`, parameters allowed).
    public static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
        return mediaType.trimmingCharacters(in: .whitespaces).lowercased() == "application/json"
    }

    /// Whether a request to a JSON route is refused with 415.
    ///
    /// A chunked body without a `Content-Type` is let through to the handler's JSON decoding: clients
    /// send bodyless POSTs that way, and a cross-site page cannot (a browser names the type of every
    /// body it sends across sites, and counts its length).
    /// - Parameters:
    ///   - method: the HTTP method, upper case.
    ///   - contentType: the `Content-Type` header, if any.
    ///   - contentLength: the `Content-Length` header as a number, if any.
    ///   - chunked: whether the body is sent chunked (`Transfer-Encoding`).
    public static func refuses(method: String, contentType: String?, contentLength: Int?, chunked: Bool) -> Bool {
        guard ["POST", "PUT", "PATCH"].contains(method) else { return false }
        let mayHaveBody = (contentLength ?? 0) > 0 || (contentLength == nil && chunked && contentType != nil)
        return mayHaveBody && !isJSON(contentType)
    }
}
