public import Foundation

/// A Telegram channel's settings, stored as JSON in `channels.settings`.
public struct TelegramChannelSettings: Codable, Sendable, Equatable {
    /// Bot API base URL; nil means the official `https://api.telegram.org`.
    public var apiURL: String?
    /// Proxy for this bot only; nil uses the global `SWITCHBOARD_PROXY`.
    public var proxy: String?
    /// Whether operator replies are headed by the operator's name; nil means yes.
    public var signReplies: Bool?
    /// The bot's @username from getMe, for `https://t.me/<username>?start=` deep links.
    public var botUsername: String?
    /// The staff supergroup (a forum) where each conversation gets a topic; nil means topic mode is off.
    public var staffGroupChatID: Int64?

    /// Creates settings.
    public init(apiURL: String? = nil, proxy: String? = nil, signReplies: Bool? = nil, botUsername: String? = nil) {
        self.apiURL = apiURL
        self.proxy = proxy
        self.signReplies = signReplies
        self.botUsername = botUsername
    }

    enum CodingKeys: String, CodingKey {
        case apiURL = "api_url"
        case proxy
        case signReplies = "sign_replies"
        case botUsername = "bot_username"
        case staffGroupChatID = "staff_group_chat_id"
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
    public var endpoint: TelegramBotAPI.Endpoint {
        TelegramBotAPI.Endpoint(baseURL: apiURL ?? TelegramBotAPI.Endpoint.officialURL, proxy: proxy)
    }
}
