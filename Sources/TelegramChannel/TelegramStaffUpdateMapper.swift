public import SwitchboardCore

/// Recognizes updates from a channel's staff group and maps its members' messages to `StaffUpdate`s.
public struct TelegramStaffUpdateMapper: Sendable {
    public let channelID: ChannelID
    /// The staff supergroup.
    public let chatID: Int64
    /// The bot's own user id: its messages (mirrors, cards, notices) come back as updates and are not staff input.
    public let botID: Int64?
    /// The bot's @username, for commands addressed to it.
    public let botUsername: String?

    /// Creates a mapper.
    public init(channelID: ChannelID, chatID: Int64, botID: Int64?, botUsername: String?) {
        self.channelID = channelID
        self.chatID = chatID
        self.botID = botID
        self.botUsername = botUsername
    }

    /// Update kinds whose object carries the chat it happened in.
    static let chatKinds = ["message", "edited_message", "my_chat_member", "chat_member", "message_reaction"]

    /// Whether the update happened in the staff group (so it never becomes a client's conversation).
    public func isStaffUpdate(_ raw: JSONValue) -> Bool {
        Self.chatKinds.contains { raw[$0]?["chat"]?["id"]?.intValue == chatID }
    }

    /// A member's message; nil for anything else in the group (edits, joins, the bot's own messages).
    public func map(_ raw: JSONValue) -> StaffUpdate? {
        guard let updateID = raw["update_id"]?.intValue, let message = raw["message"], message["chat"]?["id"]?.intValue == chatID,
            let messageID = message["message_id"]?.intValue, let from = message["from"], let senderID = from["id"]?.intValue,
            from["is_bot"] != .bool(true), senderID != botID
        else { return nil }
        let name = [Self.string(from["first_name"]), Self.string(from["last_name"])].compactMap { $0 }.joined(separator: " ")
        return StaffUpdate(
            channelID: channelID,
            updateID: updateID,
            chatID: chatID,
            threadID: message["is_topic_message"] == .bool(true) ? message["message_thread_id"]?.intValue : nil,
            messageID: messageID,
            senderID: senderID,
            senderName: name.isEmpty ? "User \(senderID)" : name,
            text: Self.string(message["text"]) ?? Self.string(message["caption"]) ?? "",
            botUsername: botUsername
        )
    }

    private static func string(_ value: JSONValue?) -> String? {
        if case .string(let text) = value { return text }
        return nil
    }
}
