public import Foundation

extension FakeTelegram {
    /// Registers a supergroup the bot is in: with topics enabled or not, and the bot's own rights.
    ///
    /// Registered chats behave like Telegram's: topics must exist to be written to, closed topics
    /// refuse a bot without `can_manage_topics`, and `getChat`/`getChatMember` answer for them.
    public func addSupergroup(bot: String, chatId: Int64, title: String, isForum: Bool, botRole: ChatRole) async throws {
        try await state.mutateBot(bot) {
            $0.forums[chatId] = ForumChat(title: title, isForum: isForum, botRole: botRole)
            $0.knownChats.insert(chatId)
        }
    }

    /// Adds (or changes) a member of a registered supergroup.
    public func setChatMember(bot: String, chatId: Int64, user: User, role: ChatRole) async throws {
        try await state.mutateBot(bot) { $0.forums[chatId]?.members[user.id] = (user, role) }
    }

    /// Changes the bot's own rights in a registered supergroup (an admin toggling "Manage topics").
    public func setBotRole(bot: String, chatId: Int64, role: ChatRole) async throws {
        try await state.mutateBot(bot) { $0.forums[chatId]?.botRole = role }
    }

    /// "A member writes in a topic": queues a `message` with `message_thread_id` and `is_topic_message`,
    /// replying (as Telegram shows it) to the topic's `forum_topic_created` message.
    ///
    /// Texts starting with `/` get a `bot_command` entity.
    /// - Throws: `FakeError.invalid` when the chat is not a registered forum or has no such topic.
    @discardableResult
    public func sendTopicMessage(bot: String, chatId: Int64, threadId: Int, from user: User, text: String) async throws -> InjectedUpdate {
        let update = try await state.topicMessageUpdate(token: bot, chatId: chatId, threadId: threadId, from: user, text: text)
        return try await enqueueUpdate(bot: bot, json: update)
    }

    /// The topics of a registered forum, by thread id.
    public func forumTopics(bot: String, chatId: Int64) async -> [ForumTopic] {
        await state.readBot(bot, fallback: []) { bot in
            (bot.forums[chatId].map { Array($0.topics.values) } ?? []).sorted { $0.threadId < $1.threadId }.map {
                ForumTopic(
                    threadId: $0.threadId,
                    name: $0.name,
                    iconColor: $0.iconColor,
                    iconCustomEmojiId: $0.iconCustomEmojiId,
                    isClosed: $0.isClosed
                )
            }
        }
    }
}
