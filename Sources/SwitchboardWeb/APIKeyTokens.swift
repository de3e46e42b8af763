import Foundation
import HTTPTypes
import Hummingbird
import SwitchboardCore

/// API keys for the company's own systems: `Authorization: Bearer <key>`; only a hash is stored.
enum APIKeyTokens {
    /// Prefix that makes a leaked key recognisable as a Switchboard key (secret scanners, logs).
    static let prefix = "sbk_"

    /// A new random key.
    static func newKey() -> String { prefix + SessionTokens.random() }

    /// A new context key: 18 random bytes as 24 base64url characters (144 bits), well within
    /// Telegram's 64-character `start` payload and its `[A-Za-z0-9_-]` alphabet.
    static func newContextKey() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<18).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The live API key named by the request's bearer token.
    /// - Throws: 401 `unauthenticated` when the header is missing, malformed, unknown or revoked.
    static func authenticate(_ request: Request, store: any ContinuityStore) async throws -> APIKey {
        let refused = APIError(.unauthorized, code: "unauthenticated", message: "Send an API key as Authorization: Bearer <key>.")
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { throw refused }
        let key = header.dropFirst("Bearer ".count).trimmingCharacters(in: .whitespaces)
        guard key.hasPrefix(prefix), key.count <= 128, let found = try await store.apiKey(hash: SessionTokens.hash(key)) else { throw refused }
        return found
    }
}
