import Foundation

extension FakeTelegram {
    /// Makes the next `count` calls of `method` (case-insensitive) fail with `fault`, after token and method checks.
    /// - Parameter after: how many calls of `method` pass normally first (1 fails the second part of a split reply).
    public func failNext(bot: String, method: String, with fault: Fault, count: Int = 1, after: Int = 0) async throws {
        let queued: [Fault?] = Array(repeating: nil, count: max(0, after)) + Array(repeating: fault, count: count)
        try await state.mutateBot(bot) { $0.faults[method.lowercased(), default: []] += queued }
    }

    /// Makes the next `count` file downloads (`/file/bot<token>/…`) of the bot meet `fault`:
    /// `.slow` delays the file, `.serverError` fails it.
    public func failNextDownloads(bot: String, with fault: Fault, count: Int = 1) async throws {
        try await state.mutateBot(bot) { $0.faults[TelegramState.downloadFaultKey, default: []] += Array(repeating: fault, count: count) }
    }

    /// Every send to `chatId`, by any bot, gets 403 `Forbidden: bot was blocked by the user` until unblocked.
    public func blockUser(chatId: Int64) async { await state.setBlocked(chatId, true) }

    /// Undoes ``blockUser(chatId:)``.
    public func unblockUser(chatId: Int64) async { await state.setBlocked(chatId, false) }

    /// What the bot sent (send*, editMessageText and editMessageCaption calls that succeeded), oldest first.
    /// - Parameter chatId: Only this chat, when given.
    public func sentMessages(bot: String, chatId: Int64? = nil) async -> [SentMessage] {
        await state.readBot(bot, fallback: []) { $0.sent.filter { chatId == nil || $0.chatId == chatId } }
    }

    /// deleteMessage calls that succeeded, oldest first.
    public func deletions(bot: String, chatId: Int64? = nil) async -> [Deletion] {
        await state.readBot(bot, fallback: []) { $0.deletions.filter { chatId == nil || $0.chatId == chatId } }
    }

    /// A message the bot sent as it is now (edits applied); nil when unknown or deleted.
    public func botMessage(bot: String, chatId: Int64, messageId: Int) async -> BotMessage? {
        await state.readBot(bot, fallback: nil) { bot in
            bot.messages[.init(chatId: chatId, messageId: messageId)].map { stored in
                BotMessage(
                    text: stored.object["text"] as? String,
                    caption: stored.object["caption"] as? String,
                    editDate: stored.object["edit_date"] as? Int
                )
            }
        }
    }

    /// sendChatAction calls that succeeded, oldest first.
    public func chatActions(bot: String, chatId: Int64? = nil) async -> [ChatAction] {
        await state.readBot(bot, fallback: []) { $0.chatActions.filter { chatId == nil || $0.chatId == chatId } }
    }

    /// Every call with a known token and method, including failed ones, oldest first.
    /// - Parameter method: Only this method (case-insensitive), when given.
    public func calls(bot: String, method: String? = nil) async -> [Call] {
        await state.readBot(bot, fallback: []) { bot in
            bot.calls.filter { method == nil || $0.method.lowercased() == method?.lowercased() }
        }
    }

    /// How many 429 answers the bot received (flood control and injected faults).
    public func tooManyRequestsCount(bot: String) async -> Int {
        await state.readBot(bot, fallback: 0) { $0.tooManyRequestsCount }
    }

    /// How many getUpdates calls were ended with 409 because a newer getUpdates of the same bot came
    /// in; a bot polled by two instances at once keeps raising it.
    public func pollConflictCount(bot: String) async -> Int {
        await state.readBot(bot, fallback: 0) { $0.pollConflictCount }
    }

    /// Updates queued and not yet confirmed (polling) or acknowledged (webhook).
    public func pendingUpdateCount(bot: String) async -> Int {
        await state.readBot(bot, fallback: 0) { $0.queue.count }
    }

    /// Every webhook POST attempt, in the order the answers arrived.
    public func webhookAttempts(bot: String) async -> [WebhookAttempt] {
        await state.readBot(bot, fallback: []) { $0.webhookAttempts }
    }
}
