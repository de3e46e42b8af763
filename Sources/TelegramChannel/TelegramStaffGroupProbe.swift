public import SwitchboardCore

extension TelegramBotAPI {
    /// Reads what `StaffGroupCheck` needs about `chatID`: `getChat` for the type and `is_forum`,
    /// `getMe` and `getChatMember` for the bot's own standing.
    /// - Throws: ``TelegramAPIError``; an unknown chat is Telegram's `chat not found`.
    public func staffGroupFacts(chatID: Int64) async throws -> StaffGroupFacts {
        let chat = try await call("getChat", ["chat_id": .int(chatID)], as: JSONValue.self)
        let bot = try await getMe()
        let member = try await call("getChatMember", ["chat_id": .int(chatID), "user_id": .int(bot.id)], as: JSONValue.self)
        return StaffGroupFacts(
            chatType: Self.string(chat["type"]) ?? "unknown chat",
            isForum: chat["is_forum"] == .bool(true),
            botStatus: Self.string(member["status"]) ?? "unknown",
            botCanManageTopics: member["can_manage_topics"] == .bool(true)
        )
    }

    private static func string(_ value: JSONValue?) -> String? {
        if case .string(let text) = value { return text }
        return nil
    }
}
