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
        /// What the key may do, its bot name and limit, as stored.
        public let stored: APIKey
    }

    /// Why a key was not created.
    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        /// The name is empty or longer than 64 characters.
        case invalidName
        /// A key with this name exists.
        case nameTaken(String)
        /// Scopes, bot name or rate limit are not acceptable; the sentence says which.
        case invalidSettings(String)

        public var description: String {
            switch self {
            case .invalidName: "name must be 1 to 64 characters."
            case .nameTaken(let name): "An API key named \(name) exists."
            case .invalidSettings(let problem): problem
            }
        }
    }

    /// Creates a key named `name` and records `api_key.created` (without the key, with its scopes) as `actor`.
    /// - Returns: the key with its secret, to be shown once.
    /// - Throws: `Refusal` for a bad or taken name or bad settings; the store's error otherwise.
    public static func issue(
        name: String,
        settings: APIKeySettings = APIKeySettings(),
        store: any InboxStore,
        audit: any AdminStore,
        by actor: AuditActor,
        at now: Date
    ) async throws -> Issued {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 64 else { throw Refusal.invalidName }
        if let problem = settings.problem { throw Refusal.invalidSettings(problem) }
        var settings = settings
        settings.botName = settings.botName?.trimmingCharacters(in: .whitespaces)
        let key = APIKeyTokens.newKey()
        do {
            // Only the hash and the last four characters are kept: the key itself cannot be shown again.
            let masked = "••••" + key.suffix(4)
            let stored = try await store.createAPIKey(name: name, keyHash: SecretTokens.hash(key), maskedKey: masked, settings: settings, at: now)
            let changes: [String: AuditChange] = [
                "name": AuditChange(from: .null, to: .string(stored.name)),
                "key": .secret,
                "scopes": AuditChange(from: .null, to: .array(stored.scopes.map { .string($0.rawValue) })),
                "botName": AuditChange(from: .null, to: .string(stored.botName)),
                "ratePerMinute": AuditChange(from: .null, to: stored.ratePerMinute.map { .int(Int64($0)) } ?? .null),
            ]
            try await audit.recordAudit(
                AuditEntry(at: now, actor: actor, action: "api_key.created", target: target(stored.id, stored.name), changes: changes)
            )
            return Issued(id: stored.id, name: stored.name, key: key, maskedKey: masked, createdAt: stored.createdAt, stored: stored)
        } catch StoreError.conflict {
            throw Refusal.nameTaken(name)
        }
    }

    /// The audit log's name for a key: `api key 2 (website)`.
    public static func target(_ id: Int64, _ name: String) -> String { "api key \(id) (\(name))" }
}
