public import Foundation

/// A Viber channel's settings, stored as JSON in `channels.settings`.
public struct ViberChannelSettings: Codable, Sendable, Equatable {
    /// REST API base URL; nil means the official `https://chatapi.viber.com/pa`.
    public var apiURL: String?
    /// The welcome message answered to `conversation_started`; nil sends none.
    public var welcomeText: String?
    /// The bot's public account URI from get_account_info, for `viber://pa?chatURI=` deep links.
    public var chatURI: String?

    /// Creates settings.
    public init(apiURL: String? = nil, welcomeText: String? = nil, chatURI: String? = nil) {
        self.apiURL = apiURL
        self.welcomeText = welcomeText
        self.chatURI = chatURI
    }

    enum CodingKeys: String, CodingKey {
        case apiURL = "api_url"
        case welcomeText = "welcome_text"
        case chatURI = "chat_uri"
    }

    /// Reads the stored JSON; malformed or empty JSON gives the defaults.
    public init(json: String) {
        self = (try? JSONDecoder().decode(Self.self, from: Data(json.utf8))) ?? Self()
    }

    /// The JSON to store, with sorted keys.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Where the bot's API calls go.
    public var baseURL: String { apiURL ?? ViberBotAPI.officialURL }
}
