import Foundation

extension TelegramState {
    /// Actions `sendChatAction` accepts.
    static let chatActions: Set<String> = [
        "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice", "upload_document",
        "choose_sticker", "find_location", "record_video_note", "upload_video_note",
    ]

    /// Resolves `chat_id` and applies the per-chat refusals (blocked user, unknown chat).
    func targetChat(_ request: BotRequest) throws -> Int64 {
        guard let raw = request.string("chat_id") else { throw BotAPIError.missing("chat_id") }
        // `@channelusername` targets are not emulated: the fake only knows numeric chats.
        guard let chatId = Int64(raw) else { throw BotAPIError.badRequest("chat not found") }
        if blockedChats.contains(chatId) { throw BotAPIError.blocked }
        try refuseMigrated(chatId)
        if config.strictChats, bots[request.token]?.knownChats.contains(chatId) != true {
            throw BotAPIError.badRequest("chat not found")
        }
        try checkThread(request, chatId: chatId)
        return chatId
    }

    /// Flood control for one send; spends a token when admitted.
    func admit(token: String, chatId: Int64) throws {
        let seconds = config.now().timeIntervalSince1970
        if let retryAfter = bots[token]?.limiter.admit(chatId: chatId, now: seconds) {
            throw BotAPIError.tooManyRequests(retryAfter: retryAfter)
        }
    }

    /// Checks `reply_markup`: valid JSON and inline `callback_data` of 1–64 bytes.
    func checkReplyMarkup(_ request: BotRequest) throws {
        guard let text = request.string("reply_markup") else { return }
        guard let markup = JSON.decode(text) as? [String: Any] else {
            throw BotAPIError.badRequest("can't parse reply keyboard markup JSON object")
        }
        guard let keyboard = markup["inline_keyboard"] else { return }
        guard let rows = keyboard as? [[Any]] else {
            throw BotAPIError.badRequest("can't parse inline keyboard: field \"inline_keyboard\" must be an Array")
        }
        for row in rows {
            for item in row {
                guard let button = item as? [String: Any], let text = button["text"] as? String else {
                    throw BotAPIError.badRequest("can't parse inline keyboard button: Field \"text\" must be of type String")
                }
                if text.isEmpty { throw BotAPIError.badRequest("BUTTON_TEXT_INVALID") }
                // Exactly one action per button, as InlineKeyboardButton requires.
                guard Self.inlineButtonActions.intersection(button.keys).count == 1 else {
                    throw BotAPIError.badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
                }
                if let data = button["callback_data"] {
                    guard let data = data as? String, (1...64).contains(data.utf8.count) else { throw BotAPIError.badRequest("BUTTON_DATA_INVALID") }
                }
            }
        }
    }

    /// The action fields of an InlineKeyboardButton (TG-spec), of which a button has exactly one.
    static let inlineButtonActions: Set<String> = [
        "url", "callback_data", "web_app", "login_url", "switch_inline_query", "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay",
    ]

    /// A Message object from the bot to `chatId`, with the fields every kind shares.
    func newMessage(token: String, chatId: Int64, request: BotRequest) -> [String: Any] {
        let messageId = bots[token]?.nextMessageId(in: chatId) ?? 1
        var chat: [String: Any] = ["id": chatId]
        if let forum = bots[token]?.forums[chatId] {
            chat = forum.chatJSON(id: chatId)
        } else if let group = groups[chatId] {
            chat = group.json
        } else if chatId > 0 {
            chat["type"] = "private"
            chat["first_name"] = "User \(chatId)"
        } else {
            // -100… ids are supergroups and channels; shorter negative ids are basic groups.
            chat["type"] = String(chatId).hasPrefix("-100") ? "supergroup" : "group"
            chat["title"] = "Chat \(chatId)"
        }
        var message: [String: Any] = [
            "message_id": messageId, "from": bots[token]?.userJSON ?? [:], "chat": chat, "date": unixNow,
        ]
        if let thread = request.int("message_thread_id") {
            message["message_thread_id"] = thread
            message["is_topic_message"] = true
        }
        if let markup = request.json("reply_markup") { message["reply_markup"] = markup }
        return message
    }

    /// Stores a send record for `sentMessages`.
    func record(_ request: BotRequest, method: String, chatId: Int64, messageIds: [Int], caption: String? = nil) {
        let references = request.params.filter {
            ["photo", "document", "voice", "audio", "video"].contains($0.key) && !$0.value.hasPrefix("attach://")
        }
        bots[request.token]?.sent.append(
            .init(
                method: method,
                chatId: chatId,
                messageIds: messageIds,
                text: request.params["text"],
                parseMode: request.params["parse_mode"],
                caption: caption ?? request.params["caption"],
                uploads: request.files,
                fileReferences: references,
                replyMarkup: request.params["reply_markup"],
                messageThreadId: request.int("message_thread_id").map { Int($0) },
                parameters: request.params,
                receivedAt: now
            )
        )
    }

    /// sendMessage: text 1–4096 characters after entity parsing.
    func sendMessage(_ request: BotRequest) throws -> Any {
        let chatId = try targetChat(request)
        let plain = try MarkupParser.plainText(request.params["text"] ?? "", parseMode: request.params["parse_mode"])
        guard !plain.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw BotAPIError.badRequest("message text is empty") }
        guard plain.unicodeScalars.count <= 4096 else { throw BotAPIError.badRequest("message is too long") }
        try checkReplyMarkup(request)
        try admit(token: request.token, chatId: chatId)
        var message = newMessage(token: request.token, chatId: chatId, request: request)
        message["text"] = plain
        keep(message, token: request.token, chatId: chatId, plainText: plain, replyMarkup: request.params["reply_markup"])
        record(request, method: "sendMessage", chatId: chatId, messageIds: [message["message_id"] as? Int ?? 0])
        return message
    }

    /// sendChatAction: recorded separately, not flood-limited.
    func sendChatAction(_ request: BotRequest) throws -> Any {
        let chatId = try targetChat(request)
        let action = request.params["action"] ?? ""
        guard Self.chatActions.contains(action) else { throw BotAPIError.badRequest("wrong parameter action in request") }
        bots[request.token]?.chatActions.append(.init(chatId: chatId, action: action, receivedAt: now))
        return true
    }

    /// answerCallbackQuery: each injected query may be answered once.
    func answerCallbackQuery(_ request: BotRequest) throws -> Any {
        let queryId = request.params["callback_query_id"] ?? ""
        guard bots[request.token]?.openCallbackQueries.remove(queryId) != nil else {
            throw BotAPIError.badRequest("query is too old and response timeout expired or query ID is invalid")
        }
        return true
    }
}
