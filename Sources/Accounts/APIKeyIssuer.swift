public import Foundation
public import SwitchboardCore

/// Creates API keys, over HTTP (`POST /api/v1/api-keys`) and from the shell (`switchboard apikey add`).
public enum APIKeyIssuer {
    /// A created key with its secret, which is shown this once: afterwards only its hash exists.
    public struct Issued: Sendable {
        public let id: Int64
        public let name: String
        public let key: String
        public let maskedKey: String
        public let createdAt: Date
    }

    /// Why a key was not created.
    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        /// The name is empty or longer than 64 characters.
        case invalidName
        /// A key with this name exists.
        case nameTaken(String)

        public var description: String {
            switch self {
            case .invalidName: "name must be 1 to 64 characters."
            case .nameTaken(let name): "An API key named \(name) exists."
            }
        }
    }

    /// Creates a key named `name` and records `api_key.created` (without the key) as `actor`.
    /// - Returns: the key with its secret, to be shown once.
    /// - Throws: `Refusal` for a bad or taken name; the store's error otherwise.
    public static func issue(
        name: String,
        store: any InboxStore,
        audit: any AdminStore,
        by actor: AuditActor,
        at now: Date
    ) async throws -> Issued {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 64 else { throw Refusal.invalidName }
        let key = APIKeyTokens.newKey()
        do {
            // Only the hash and the last four characters are kept: the key itself cannot be shown again.
            let masked = "••••" + key.suffix(4)
            let stored = try await store.createAPIKey(name: name, keyHash: SecretTokens.hash(key), maskedKey: masked, at: now)
            let changes: [String: AuditChange] = ["name": AuditChange(from: .null, to: .string(stored.name)), "key": .secret]
            try await audit.recordAudit(
                AuditEntry(at: now, actor: actor, action: "api_key.created", target: target(stored.id, stored.name), changes: changes)
            )
            return Issued(id: stored.id, name: stored.name, key: key, maskedKey: masked, createdAt: stored.createdAt)
        } catch StoreError.conflict {
            throw Refusal.nameTaken(name)
        }
    }

    /// The audit log's name for a key: `api key 2 (website)`.
    public static func target(_ id: Int64, _ name: String) -> String { "api key \(id) (\(name))" }
}
