public import Foundation

/// A ready deep link that opens a channel's bot with a context key.
public struct DeepLink: Sendable, Codable, Equatable {
    public var channel: ChannelRef
    public var url: String

    /// Creates a link.
    public init(channel: ChannelRef, url: String) {
        self.channel = channel
        self.url = url
    }

    /// `https://t.me/<bot>?start=<key>`: Telegram passes the key to the bot as `/start <key>`.
    public static func telegram(_ channel: ChannelRef, botUsername: String, key: String) -> DeepLink {
        DeepLink(channel: channel, url: "https://t.me/\(botUsername)?start=\(key)")
    }

    /// `viber://pa?chatURI=<uri>&context=<key>`: Viber passes the key in `conversation_started`.
    public static func viber(_ channel: ChannelRef, chatURI: String, key: String) -> DeepLink {
        let uri = chatURI.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=?#"))) ?? chatURI
        return DeepLink(channel: channel, url: "viber://pa?chatURI=\(uri)&context=\(key)")
    }
}

/// Knows every channel's public address (bot username, chat URI) and builds its deep links.
public protocol DeepLinkDirectory: Sendable {
    /// One link per channel whose address is known, for the given key.
    func links(for key: String) async throws -> [DeepLink]
}
