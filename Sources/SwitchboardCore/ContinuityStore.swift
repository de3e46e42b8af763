public import Foundation

/// The store's side of cross-channel continuity: API keys and deep-link contexts.
public protocol ContinuityStore: InboxStore, LinkStore, ReplyTargetStore {
    /// Creates an API key record from the hash of the key (the key itself is never stored).
    /// - Throws: `StoreError.conflict` when the name is taken.
    func createAPIKey(name: String, keyHash: String, maskedKey: String, at now: Date) async throws -> APIKey
    /// A live (not revoked) API key by the hash of its secret.
    func apiKey(hash: String) async throws -> APIKey?
    /// Every API key, revoked ones too.
    func apiKeys() async throws -> [APIKey]
    /// Revokes an API key. - Throws: `StoreError.notFound` for an unknown id.
    func revokeAPIKey(_ id: Int64, at now: Date) async throws
    /// Registers a context under a fresh key. - Throws: `StoreError.conflict` when the key exists.
    func createContext(_ context: DeepLinkContext, apiKeyID: Int64) async throws
    /// The context a conversation arrived with, if any.
    func pinnedContext(of conversationID: ConversationID) async throws -> PinnedContext?
}
