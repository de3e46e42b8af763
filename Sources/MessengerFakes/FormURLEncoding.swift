import Foundation

/// Decoding of `application/x-www-form-urlencoded` text (query strings and form bodies).
enum FormURLEncoding {
    /// Decodes `a=1&b=x+y` into pairs; later duplicates win, as in the Bot API server.
    static func decode(_ text: Substring) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = unescape(pieces[0])
            guard !key.isEmpty else { continue }
            result[key] = pieces.count > 1 ? unescape(pieces[1]) : ""
        }
        return result
    }

    /// Percent-decodes one component, treating `+` as a space.
    static func unescape(_ component: Substring) -> String {
        let spaced = component.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
