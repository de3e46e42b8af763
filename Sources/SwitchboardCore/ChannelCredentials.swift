public import Foundation

/// A channel's secrets and settings as the store keeps them: secrets only as ciphertext.
public struct ChannelCredentials: Sendable, Equatable {
    /// The bot token, sealed by the Secrets module.
    public var tokenCiphertext: Data
    /// The webhook secret token, sealed; nil while the channel polls.
    public var webhookSecretCiphertext: Data?
    /// Kind-specific settings as a JSON object (Telegram: API URL, proxy, signing).
    public var settingsJSON: String

    /// Creates credentials.
    public init(tokenCiphertext: Data, webhookSecretCiphertext: Data? = nil, settingsJSON: String = "{}") {
        self.tokenCiphertext = tokenCiphertext
        self.webhookSecretCiphertext = webhookSecretCiphertext
        self.settingsJSON = settingsJSON
    }
}

/// The part of the store that manages connected bots and their credentials.
public protocol ChannelCredentialStore: Sendable {
    /// Creates a channel together with its sealed credentials, in one transaction, created at `now`.
    /// - Throws: `StoreError.conflict` when the name is taken.
    func createChannel(_ draft: ChannelDraft, credentials: ChannelCredentials, at now: Date) async throws -> Channel
    /// The sealed credentials of a channel; nil for an unknown channel or one created without a token.
    func channelCredentials(_ id: ChannelID) async throws -> ChannelCredentials?
    /// Switches a channel between polling and webhook, with the webhook's sealed secret (nil for polling).
    /// - Throws: `StoreError.notFound` for an unknown channel.
    func updateChannelMode(_ id: ChannelID, mode: ChannelMode, webhookSecretCiphertext: Data?) async throws
    /// Records why a channel cannot work (nil clears it), so `channel list` and logs show the reason.
    /// - Throws: `StoreError.notFound` for an unknown channel.
    func setChannelProblem(_ id: ChannelID, problem: String?) async throws
    /// Applies a change to a channel in one transaction.
    /// - Throws: `StoreError.notFound` for an unknown channel.
    func updateChannel(_ id: ChannelID, _ change: ChannelChange) async throws
    /// Removes a channel: its token is wiped, it disappears from `channels()` and its name is free
    /// again; its conversations stay; its queued replies fail with `reason`. Returns the events.
    /// - Throws: `StoreError.notFound` for an unknown or already removed channel.
    func removeChannel(_ id: ChannelID, reason: String, at now: Date) async throws -> (ChannelRemoval, [Event])
}
