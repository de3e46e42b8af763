import Foundation

/// Shortens URLs to what is safe to print.
enum RedactedURL {
    /// `scheme://host[:port]` without user info, path or query; `<url>` when it cannot be parsed.
    static func origin(of url: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host else {
            return "<url>"
        }
        if let port = components.port {
            return "\(scheme)://\(host):\(port)"
        }
        return "\(scheme)://\(host)"
    }

    /// Removes every occurrence of the secret-looking parts of `urls` from `message`.
    ///
    /// libcurl's messages name hosts, not paths, but this is the last line of defence for tokens.
    static func scrub(_ message: String, removing urls: [String]) -> String {
        var result = message
        for url in urls where !url.isEmpty {
            for secret in self.secretParts(of: url) where result.contains(secret) {
                result = result.replacingOccurrences(of: secret, with: "<redacted>")
            }
        }
        return result
    }

    /// The whole URL first, then its path+query and user info, longest first so substrings go last.
    private static func secretParts(of url: String) -> [String] {
        var parts = [url]
        if let components = URLComponents(string: url) {
            let pathAndQuery = components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
            if pathAndQuery.count > 1 {
                parts.append(pathAndQuery)
            }
            if let query = components.percentEncodedQuery, !query.isEmpty {
                parts.append(query)
            }
            if let user = components.percentEncodedUser, !user.isEmpty {
                parts.append(user)
            }
            if let password = components.percentEncodedPassword, !password.isEmpty {
                parts.append(password)
            }
        }
        return parts.sorted { $0.count > $1.count }
    }
}
