import SwitchboardCore
import TelegramChannel
import ViberChannel

/// Builds deep links from each channel's stored settings (the bot username or chat URI saved at `channel add`).
struct ChannelDeepLinks: DeepLinkDirectory {
    let store: any Store

    func links(for key: String) async throws -> [DeepLink] {
        var links: [DeepLink] = []
        for channel in try await store.channels() where !channel.isPaused {
            let settingsJSON = try await store.channelCredentials(channel.id)?.settingsJSON ?? "{}"
            let ref = ChannelRef(id: channel.id, kind: channel.kind, name: channel.name)
            switch channel.kind {
            case .telegram:
                if let username = TelegramChannelSettings(json: settingsJSON).botUsername {
                    links.append(.telegram(ref, botUsername: username, key: key))
                }
            case .viber:
                if let uri = ViberChannelSettings(json: settingsJSON).chatURI {
                    links.append(.viber(ref, chatURI: uri, key: key))
                }
            }
        }
        return links
    }
}
