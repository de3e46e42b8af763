import Foundation

extension TelegramState {
    /// The registered forum `chatId` of the calling bot, or Telegram's refusal for any other chat.
    func forum(_ request: BotRequest, chatId: Int64) throws -> ForumChat {
        guard let chat = bots[request.token]?.forums[chatId], chat.isForum else {
            throw BotAPIError.badRequest("the chat is not a forum")
        }
        return chat
    }

    /// A topic of a registered forum the bot may manage; `TOPIC_ID_INVALID` for an unknown thread.
    private func managedTopic(_ request: BotRequest) throws -> (chatId: Int64, topic: ForumChat.Topic) {
        let chatId = try targetChat(request)
        let chat = try forum(request, chatId: chatId)
        guard chat.botManagesTopics else { throw BotAPIError.badRequest("not enough rights to manage chat topics") }
        guard let threadId = request.int("message_thread_id").map({ Int($0) }), let topic = chat.topics[threadId] else {
            throw BotAPIError.badRequest("TOPIC_ID_INVALID")
        }
        return (chatId, topic)
    }

    /// Checks a topic name: 1–128 characters.
    private func checkTopicName(_ name: String) throws {
        guard !name.isEmpty else { throw BotAPIError.missing("name") }
        guard name.count <= ForumChat.maxNameLength else { throw BotAPIError.badRequest("TOPIC_TITLE_TOO_LONG") }
    }

    /// createForumTopic: needs a forum and `can_manage_topics`; the thread id is a new message id.
    func createForumTopic(_ request: BotRequest) throws -> Any {
        let chatId = try targetChat(request)
        let chat = try forum(request, chatId: chatId)
        guard chat.botManagesTopics else { throw BotAPIError.badRequest("not enough rights to create a topic") }
        let name = request.string("name") ?? ""
        try checkTopicName(name)
        let color = request.int("icon_color").map { Int($0) } ?? 0x6FB9F0
        guard ForumChat.iconColors.contains(color) else { throw BotAPIError.badRequest("TOPIC_ICON_COLOR_INVALID") }
        // The topic's id is the id of its `forum_topic_created` service message.
        let threadId = bots[request.token]?.nextMessageId(in: chatId) ?? 1
        let topic = ForumChat.Topic(
            threadId: threadId,
            name: name,
            iconColor: color,
            iconCustomEmojiId: request.string("icon_custom_emoji_id")
        )
        bots[request.token]?.forums[chatId]?.topics[threadId] = topic
        return topic.json
    }

    /// editForumTopic: renames and/or changes the icon; a change to nothing is `TOPIC_NOT_MODIFIED`.
    func editForumTopic(_ request: BotRequest) throws -> Any {
        let (chatId, before) = try managedTopic(request)
        var topic = before
        if let name = request.string("name") {
            try checkTopicName(name)
            topic.name = name
        }
        if let emoji = request.string("icon_custom_emoji_id") { topic.iconCustomEmojiId = emoji.isEmpty ? nil : emoji }
        guard topic.name != before.name || topic.iconCustomEmojiId != before.iconCustomEmojiId else {
            throw BotAPIError.badRequest("TOPIC_NOT_MODIFIED")
        }
        bots[request.token]?.forums[chatId]?.topics[topic.threadId] = topic
        return true
    }

    /// closeForumTopic / reopenForumTopic: flips `isClosed`; already there is `TOPIC_NOT_MODIFIED`.
    func setForumTopicClosed(_ request: BotRequest, closed: Bool) throws -> Any {
        let (chatId, topic) = try managedTopic(request)
        guard topic.isClosed != closed else { throw BotAPIError.badRequest("TOPIC_NOT_MODIFIED") }
        bots[request.token]?.forums[chatId]?.topics[topic.threadId]?.isClosed = closed
        return true
    }

    /// Refuses a send into a registered forum's topic that does not exist, or is closed to the bot.
    func checkThread(_ request: BotRequest, chatId: Int64) throws {
        // Topic management names its topic itself and answers TOPIC_ID_INVALID; this check is for sends.
        guard !request.method.hasSuffix("ForumTopic"), let threadId = request.int("message_thread_id").map({ Int($0) }),
            let chat = bots[request.token]?.forums[chatId]
        else { return }
        guard chat.isForum, let topic = chat.topics[threadId] else { throw BotAPIError.badRequest("message thread not found") }
        if topic.isClosed, !chat.botManagesTopics { throw BotAPIError.badRequest("TOPIC_CLOSED") }
    }

    /// getChatMember: the bot itself, a registered member, or `left` for anyone else.
    func getChatMember(_ request: BotRequest) throws -> Any {
        let chatId = try targetChat(request)
        guard let chat = bots[request.token]?.forums[chatId] else { throw BotAPIError.badRequest("chat not found") }
        guard let userId = request.int("user_id") else { throw BotAPIError.missing("user_id") }
        if let bot = bots[request.token], userId == bot.id { return chat.botRole.memberJSON(user: bot.userJSON) }
        if let member = chat.members[userId] { return member.role.memberJSON(user: member.user.json) }
        return FakeTelegram.ChatRole.left.memberJSON(user: FakeTelegram.User(id: userId, firstName: "User \(userId)").json)
    }

    /// getChatAdministrators: creator and admins; the bot itself is listed when it is an admin.
    func getChatAdministrators(_ request: BotRequest) throws -> Any {
        let chatId = try targetChat(request)
        guard let chat = bots[request.token]?.forums[chatId], let bot = bots[request.token] else {
            throw BotAPIError.badRequest("chat not found")
        }
        var admins = chat.members.values.filter { $0.role.isAdministrator }.sorted { $0.user.id < $1.user.id }
            .map { $0.role.memberJSON(user: $0.user.json) }
        if chat.botRole.isAdministrator { admins.append(chat.botRole.memberJSON(user: bot.userJSON)) }
        return admins
    }

    /// getChat: the `ChatFullInfo` of a registered supergroup.
    func getChat(_ request: BotRequest) throws -> Any {
        let chatId = try targetChat(request)
        guard let chat = bots[request.token]?.forums[chatId] else { throw BotAPIError.badRequest("chat not found") }
        var info = chat.chatJSON(id: chatId)
        info["accent_color_id"] = 0
        info["max_reaction_count"] = 11
        info["accepted_gift_types"] = [
            "unlimited_gifts": false, "limited_gifts": false, "unique_gifts": false, "premium_subscription": false,
            "gifts_from_channels": false,
        ]
        return info
    }
}

extension TelegramState {
    /// A member's text message in a forum topic, as Telegram delivers it to the bot: the Update's JSON.
    func topicMessageUpdate(token: String, chatId: Int64, threadId: Int, from user: FakeTelegram.User, text: String) throws -> Data {
        guard let chat = bots[token]?.forums[chatId] else { throw FakeTelegram.FakeError.invalid("chat \(chatId) is not registered") }
        guard chat.isForum, let topic = chat.topics[threadId] else {
            throw FakeTelegram.FakeError.invalid("chat \(chatId) has no topic \(threadId)")
        }
        let messageId = bots[token]?.nextMessageId(in: chatId) ?? 1
        let chatJSON = chat.chatJSON(id: chatId)
        let opener: [String: Any] = [
            "message_id": threadId, "message_thread_id": threadId, "is_topic_message": true, "chat": chatJSON, "date": unixNow,
            "forum_topic_created": ["name": topic.name, "icon_color": topic.iconColor],
        ]
        var message: [String: Any] = [
            "message_id": messageId, "message_thread_id": threadId, "is_topic_message": true, "from": user.json, "chat": chatJSON,
            "date": unixNow, "text": text, "reply_to_message": opener,
        ]
        if text.hasPrefix("/") {
            let command = text.prefix { !$0.isWhitespace }
            message["entities"] = [["type": "bot_command", "offset": 0, "length": command.utf16.count]]
        }
        return JSON.encode(["message": message])
    }
}
