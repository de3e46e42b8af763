import Foundation

extension TelegramState {
    /// How long a message can still be deleted (TG-spec `deleteMessage`: "sent less than 48 hours ago").
    static let deleteWindow: TimeInterval = 48 * 3600

    /// The bot's stored message `message_id` in `chat_id`, or `notFound` when there is none.
    private func storedMessage(_ request: BotRequest, notFound: String) throws -> (key: BotState.MessageKey, message: BotState.StoredMessage) {
        guard let raw = request.string("chat_id") else { throw BotAPIError.missing("chat_id") }
        guard let chatId = Int64(raw) else { throw BotAPIError.badRequest("chat not found") }
        guard let messageId = request.int("message_id").map({ Int($0) }) else { throw BotAPIError.missing("message_id") }
        let key = BotState.MessageKey(chatId: chatId, messageId: messageId)
        guard let stored = bots[request.token]?.messages[key] else { throw BotAPIError.badRequest(notFound) }
        return (key, stored)
    }

    /// editMessageText: rejects unknown and deleted messages, media messages, and edits that change nothing.
    /// A bot's own message in a private chat has no time limit for edits.
    func editMessageText(_ request: BotRequest) throws -> Any {
        let plain = try MarkupParser.plainText(request.params["text"] ?? "", parseMode: request.params["parse_mode"])
        guard !plain.isEmpty else { throw BotAPIError.missing("text") }
        guard plain.unicodeScalars.count <= 4096 else { throw BotAPIError.badRequest("message is too long") }
        try checkReplyMarkup(request)
        if request.string("inline_message_id") != nil { return true }
        let (key, stored) = try storedMessage(request, notFound: "message to edit not found")
        guard stored.object["text"] != nil else { throw BotAPIError.badRequest("there is no text in the message to edit") }
        return try applyEdit(request, key: key, stored: stored, field: "text", plain: plain, method: "editMessageText")
    }

    /// editMessageCaption: as editMessageText, for the caption of a media message (0–1024 characters).
    func editMessageCaption(_ request: BotRequest) throws -> Any {
        let plain = try MarkupParser.plainText(request.params["caption"] ?? "", parseMode: request.params["parse_mode"])
        guard plain.unicodeScalars.count <= 1024 else { throw BotAPIError.badRequest("message caption is too long") }
        try checkReplyMarkup(request)
        if request.string("inline_message_id") != nil { return true }
        let (key, stored) = try storedMessage(request, notFound: "message to edit not found")
        guard stored.object["text"] == nil else { throw BotAPIError.badRequest("there is no caption in the message to edit") }
        return try applyEdit(request, key: key, stored: stored, field: "caption", plain: plain, method: "editMessageCaption")
    }

    private func applyEdit(
        _ request: BotRequest,
        key: BotState.MessageKey,
        stored: BotState.StoredMessage,
        field: String,
        plain: String,
        method: String
    ) throws -> Any {
        let markup = request.params["reply_markup"]
        guard stored.plainText != plain || stored.replyMarkup != markup else {
            throw BotAPIError.badRequest(
                "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"
            )
        }
        try admit(token: request.token, chatId: key.chatId)
        var message = stored.object
        message[field] = plain.isEmpty ? nil : plain
        message["edit_date"] = unixNow
        message["reply_markup"] = request.json("reply_markup")
        bots[request.token]?.messages[key] = .init(object: message, plainText: plain, replyMarkup: markup, sentAt: stored.sentAt)
        record(request, method: method, chatId: key.chatId, messageIds: [key.messageId], caption: field == "caption" ? plain : nil)
        return message
    }

    /// deleteMessage: only a message the bot has, sent less than 48 hours ago; afterwards it is gone
    /// for edits and further deletions.
    func deleteMessage(_ request: BotRequest) throws -> Any {
        let (key, stored) = try storedMessage(request, notFound: "message to delete not found")
        guard now.timeIntervalSince(stored.sentAt) < Self.deleteWindow else {
            throw BotAPIError.badRequest("message can't be deleted for everyone")
        }
        bots[request.token]?.messages[key] = nil
        bots[request.token]?.deletions.append(.init(chatId: key.chatId, messageId: key.messageId, receivedAt: now))
        return true
    }

    /// Keeps a message the bot sent, so it can be edited and deleted later.
    func keep(_ message: [String: Any], token: String, chatId: Int64, plainText: String, replyMarkup: String?) {
        let messageId = message["message_id"] as? Int ?? 0
        bots[token]?.messages[.init(chatId: chatId, messageId: messageId)] = .init(
            object: message,
            plainText: plainText,
            replyMarkup: replyMarkup,
            sentAt: now
        )
    }
}
