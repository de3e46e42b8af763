import Foundation

/// The session cookie. The token in it is an `Accounts.SecretTokens` token; only its hash is stored.
enum SessionTokens {
    static let cookieName = "sb_session"

    /// The value of a cookie in a `Cookie` header.
    static func cookie(named name: String, in header: String?) -> String? {
        guard let header else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                return String(parts[1]).trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}
