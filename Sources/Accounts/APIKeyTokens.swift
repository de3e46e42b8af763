import Foundation

/// API keys for the company's own systems (`Authorization: Bearer <key>`) and deep-link context keys.
public enum APIKeyTokens {
    /// Prefix that makes a leaked key recognisable as a Switchboard key (secret scanners, logs).
    public static let prefix = "sbk_"

    /// A new random key.
    public static func newKey() -> String { prefix + SecretTokens.random() }

    /// Whether `key` can be a Switchboard API key at all (checked before any database lookup).
    public static func isWellFormed(_ key: some StringProtocol) -> Bool {
        key.hasPrefix(prefix) && key.count <= 128
    }

    /// A new context key: 18 random bytes as 24 base64url characters (144 bits), well within
    /// Telegram's 64-character `start` payload and its `[A-Za-z0-9_-]` alphabet.
    public static func newContextKey() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<18).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
