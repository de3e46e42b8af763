import Accounts
import Foundation
import HTTPTypes
import Hummingbird
import SwitchboardCore

/// Resolves `Authorization: Bearer <key>` to the API key it names; only a hash of a key is stored.
enum APIKeyAuthentication {
    /// The live API key named by the request's bearer token.
    /// - Throws: 401 `unauthenticated` when the header is missing, malformed, unknown or revoked.
    static func authenticate(_ request: Request, store: any InboxStore) async throws -> APIKey {
        let refused = APIError(.unauthorized, code: "unauthenticated", message: "Send an API key as Authorization: Bearer <key>.")
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { throw refused }
        let key = header.dropFirst("Bearer ".count).trimmingCharacters(in: .whitespaces)
        guard APIKeyTokens.isWellFormed(key), let found = try await store.apiKey(hash: SecretTokens.hash(key)) else { throw refused }
        return found
    }
}
