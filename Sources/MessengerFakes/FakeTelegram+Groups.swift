public import Foundation

extension FakeTelegram {
    /// Creates a group chat (`id` like `-4001`, or `-100…` for a supergroup) with the bot and `members`;
    /// for a group that exists, adds `members` to it.
    public func addGroup(id: Int64, title: String, members: [User]) async throws {
        try await state.addGroup(id: id, title: title, members: members)
    }

    /// "A member writes in the group": queues a `message` update whose chat is the group and whose
    /// `from` is the member. As Telegram does, a leading `/command` gets a `bot_command` entity and each
    /// `@username` a `mention` entity; `replyTo` names a message of the bot the member replies to.
    ///
    /// The fake delivers every group message, as Telegram does for a bot with privacy mode off
    /// (with it on, Telegram would deliver only commands, mentions and replies to the bot).
    @discardableResult
    public func sendGroupMessage(
        bot: String,
        group id: Int64,
        from user: User,
        text: String,
        replyTo botMessageId: Int? = nil
    ) async throws
        -> InjectedUpdate
    {
        let update = try await state.groupMessageUpdate(token: bot, group: id, from: user, text: text, replyTo: botMessageId)
        return try await enqueueUpdate(bot: bot, json: update)
    }

    /// "A group admin upgrades the group to a supergroup", as Telegram does it: the old group gets a
    /// service message with `migrate_to_chat_id`, the supergroup one with `migrate_from_chat_id`, and
    /// from now on a send to the old id fails with 400 `Bad Request: group chat was upgraded to a
    /// supergroup chat` and `parameters.migrate_to_chat_id`.
    /// - Parameter newId: The supergroup's id (`-100…`).
    /// - Returns: The two service updates, old chat's first.
    @discardableResult
    public func migrateGroup(bot: String, group id: Int64, toSupergroup newId: Int64, by user: User) async throws -> [InjectedUpdate] {
        let (leaving, arriving) = try await state.migrationUpdates(token: bot, group: id, to: newId, by: user)
        return [try await enqueueUpdate(bot: bot, json: leaving), try await enqueueUpdate(bot: bot, json: arriving)]
    }

    /// `bot_command` at the start and `mention` for each `@username`, offsets in UTF-16 code units.
    static func entities(in text: String) -> [[String: Any]] {
        var entities: [[String: Any]] = []
        for word in text.split(omittingEmptySubsequences: true, whereSeparator: \.isWhitespace) {
            let isCommand = word.startIndex == text.startIndex && word.hasPrefix("/")
            guard isCommand || word.hasPrefix("@") else { continue }
            let name = word.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == "_" || (isCommand && $0 == "@") }
            guard !name.isEmpty else { continue }
            let offset = text.utf16.distance(from: text.utf16.startIndex, to: word.startIndex)
            entities.append(["type": isCommand ? "bot_command" : "mention", "offset": offset, "length": 1 + name.utf16.count])
        }
        return entities
    }
}
