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
