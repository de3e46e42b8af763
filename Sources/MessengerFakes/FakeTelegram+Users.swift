public import Foundation

extension FakeTelegram {
    /// Registers a bot. Calls with any other token get 401.
    public func addBot(token: String, username: String, firstName: String) async {
        await state.addBot(token: token, username: username, firstName: firstName)
    }

    /// Makes a chat known to the bot, for `Configuration.strictChats`.
    public func addChat(bot: String, chatId: Int64) async throws {
        try await state.mutateBot(bot) { $0.knownChats.insert(chatId) }
    }

    /// "The user sends `text`": queues a `message` update in the user's private chat.
    ///
    /// Texts starting with `/` get a `bot_command` entity, as Telegram adds one.
    /// - Returns: The queued update with its `update_id` and `message_id`.
    @discardableResult
    public func sendUserMessage(bot: String, from user: User, text: String) async throws -> InjectedUpdate {
        try await enqueue(bot: bot) { state in
            let messageId = try await state.mutateBot(bot) { $0.nextMessageId(in: user.id) }
            var message: [String: Any] = [
                "message_id": messageId, "from": user.json, "chat": user.privateChatJSON, "date": await state.unixNow, "text": text,
            ]
            if text.hasPrefix("/") {
                let command = text.prefix { !$0.isWhitespace }
                message["entities"] = [["type": "bot_command", "offset": 0, "length": command.utf16.count]]
            }
            return ["message": message]
        }
    }

    /// "The user edits their message `messageId` to `text`": queues an `edited_message` update with the
    /// same `message_id` and an `edit_date`, as Telegram does.
    @discardableResult
    public func editUserMessage(bot: String, from user: User, messageId: Int, text: String) async throws -> InjectedUpdate {
        try await enqueue(bot: bot) { state in
            let now = await state.unixNow
            let message: [String: Any] = [
                "message_id": messageId, "from": user.json, "chat": user.privateChatJSON, "date": now, "edit_date": now, "text": text,
            ]
            return ["edited_message": message]
        }
    }

    /// "The user presses an inline button": queues a `callback_query` the bot can answer once.
    /// - Parameters:
    ///   - messageId: The bot message that carried the keyboard.
    @discardableResult
    public func sendCallbackQuery(bot: String, from user: User, data: String, messageId: Int) async throws -> InjectedUpdate {
        try await enqueue(bot: bot) { state in
            let queryId = String(4_000_000_000_000_000 + Int64(await state.nextSequence()))
            let message: [String: Any] = ["message_id": messageId, "chat": user.privateChatJSON, "date": await state.unixNow]
            return [
                "callback_query": [
                    "id": queryId, "from": user.json, "message": message, "chat_instance": "-\(user.id)", "data": data,
                ] as [String: Any]
            ]
        }
    }

    /// "The user taps the inline button labelled `label`" under a message the bot sent: queues the
    /// `callback_query` with that button's `callback_data`, as Telegram does.
    /// - Throws: `FakeError.invalid` when the message has no such callback button.
    @discardableResult
    public func pressInlineButton(bot: String, from user: User, messageId: Int, label: String) async throws -> InjectedUpdate {
        let markup = try await state.mutateBot(bot) { $0.messages[.init(chatId: user.id, messageId: messageId)]?.replyMarkup }
        let rows = (markup.flatMap(JSON.decode) as? [String: Any])?["inline_keyboard"] as? [[[String: Any]]] ?? []
        guard let data = rows.joined().first(where: { $0["text"] as? String == label })?["callback_data"] as? String else {
            throw FakeError.invalid("message \(messageId) in chat \(user.id) has no callback button '\(label)'")
        }
        return try await sendCallbackQuery(bot: bot, from: user, data: data, messageId: messageId)
    }

    /// Queues any update kind (edited_message, my_chat_member, photo messages, unknown kinds…).
    ///
    /// `update_id` is assigned by the fake; pass the rest of the Update, e.g. `["edited_message": [...]]`.
    /// - Throws: `FakeError.invalid` when there is no object-valued update field.
    @discardableResult
    public func enqueueUpdate(bot: String, json: [String: Any]) async throws -> InjectedUpdate {
        guard JSONSerialization.isValidJSONObject(json) else { throw FakeError.invalid("not a JSON object") }
        return try await enqueueUpdate(bot: bot, json: try JSONSerialization.data(withJSONObject: json))
    }

    /// Queues an update given as raw JSON text (an Update object; `update_id` is replaced).
    @discardableResult
    public func enqueueUpdate(bot: String, json: Data) async throws -> InjectedUpdate {
        try await state.enqueue(token: bot, json: json)
    }

    private func enqueue(bot: String, build: @Sendable (TelegramState) async throws -> [String: Any]) async throws -> InjectedUpdate {
        let update = try await build(state)
        return try await enqueueUpdate(bot: bot, json: try JSONSerialization.data(withJSONObject: update))
    }

    /// Stores a file the bot can fetch with getFile and download.
    /// - Returns: The `file_path` getFile will report.
    @discardableResult
    public func addFile(bot: String, fileId: String, bytes: Data, fileName: String? = nil, mimeType: String? = nil) async throws -> String {
        try await state.addFile(token: bot, fileId: fileId, bytes: bytes, fileName: fileName, mimeType: mimeType)
    }
}
