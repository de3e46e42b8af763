public import Foundation
public import SwitchboardCore

/// Switching a bot between polling and webhook: Telegram allows one mode at a time.
public enum TelegramWebhookSetup {
    /// Characters Telegram allows in `secret_token`.
    static let secretAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")

    /// A new random secret token: 48 characters, about 288 bits.
    public static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<48).map { _ in secretAlphabet[Int(generator.next(upperBound: UInt64(secretAlphabet.count)))] })
    }

    /// `{publicURL}/webhooks/telegram/{channel name}`.
    public static func webhookURL(publicURL: URL, channelName: String) -> String {
        let base = publicURL.absoluteString.hasSuffix("/") ? String(publicURL.absoluteString.dropLast()) : publicURL.absoluteString
        let name = channelName.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? channelName
        return "\(base)/webhooks/telegram/\(name)"
    }

    /// Puts the bot into `mode`: setWebhook with the secret, or deleteWebhook (keeping pending updates).
    /// - Parameters:
    ///   - webhookURL: Required for `.webhook`.
    ///   - secret: Required for `.webhook`.
    /// - Throws: ``TelegramAPIError``.
    public static func activate(_ mode: ChannelMode, api: TelegramBotAPI, webhookURL: String?, secret: String?) async throws {
        switch mode {
        case .poll:
            try await api.deleteWebhook()
        case .webhook:
            guard let webhookURL, let secret else {
                throw TelegramAPIError.api(code: 400, description: "webhook mode needs a URL and a secret", retryAfter: nil, migrateToChatID: nil)
            }
            try await api.setWebhook(url: webhookURL, secretToken: secret)
        }
    }
}
