/// Which bot a token belongs to, where the messenger writes that into the token itself.
///
/// A Telegram token is `<bot id>:<secret>` and the id is the one `getMe` answers. A channel is one
/// bot: its receipts, identities and history belong to that bot, so a new token may replace a
/// revoked one of the same bot but never turn the channel into another bot.
public enum BotTokenIdentity {
    /// The bot id of a Telegram token, or nil when the token has no numeric prefix.
    public static func telegramBotID(of token: String) -> Int64? {
        guard let colon = token.firstIndex(of: ":") else { return nil }
        let prefix = token[..<colon]
        guard !prefix.isEmpty, prefix.allSatisfy(\.isASCII), let id = Int64(prefix), id > 0 else { return nil }
        return id
    }

    /// Why a channel's `current` token may not be replaced by `new`; nil when it may.
    public static func rotationRefusal(kind: ChannelKind, current: String?, new: String) -> String? {
        guard kind == .telegram, let current, let before = telegramBotID(of: current), let after = telegramBotID(of: new), before != after
        else { return nil }
        return "the new token belongs to another bot (id \(after)) than this channel's (id \(before)): add a channel for that bot instead"
    }
}
