import Foundation

extension TelegramState {
    /// Kinds whose object carries `chat` directly.
    static let chatKinds: Set<String> = [
        "message", "edited_message", "channel_post", "edited_channel_post", "business_message", "edited_business_message",
        "my_chat_member", "chat_member", "chat_join_request", "message_reaction", "message_reaction_count", "chat_boost",
        "removed_chat_boost",
    ]

    /// Queues an update (assigning `update_id`) and wakes the poller or the webhook.
    /// - Throws: `BotAPIError.unauthorized` for an unknown bot, 400 for an object without an update kind.
    func enqueue(token: String, update: [String: Any]) throws -> FakeTelegram.InjectedUpdate {
        guard var bot = bots[token] else { throw BotAPIError.unauthorized }
        guard let kind = update.keys.sorted().first(where: { $0 != "update_id" }), let body = update[kind] as? [String: Any] else {
            throw BotAPIError.badRequest("an update needs one object-valued field besides update_id")
        }
        let id = bot.nextUpdateId
        bot.nextUpdateId += 1
        var object = update
        object["update_id"] = id
        let chatId = Self.chatId(kind: kind, body: body)
        if let chatId { bot.knownChats.insert(chatId) }
        if kind == "callback_query", let queryId = body["id"] as? String { bot.openCallbackQueries.insert(queryId) }
        let queued = bot.accepts(kind: kind)
        if queued { bot.queue.append(.init(id: id, kind: kind, chatId: chatId, object: object)) }
        bots[token] = bot
        if queued {
            endPoll(token: token, reason: .update)
            pumpWebhook(token: token)
        }
        let messageId = JSON.int64(body["message_id"]).map { Int($0) }
        return .init(updateId: id, kind: kind, chatId: chatId, messageId: messageId, queued: queued, json: JSON.encode(object))
    }

    /// The chat an update belongs to, for per-chat webhook ordering.
    static func chatId(kind: String, body: [String: Any]) -> Int64? {
        if chatKinds.contains(kind) { return JSON.int64((body["chat"] as? [String: Any])?["id"]) }
        if let message = body["message"] as? [String: Any], let chat = message["chat"] as? [String: Any] {
            return JSON.int64(chat["id"])
        }
        return JSON.int64((body["from"] as? [String: Any])?["id"] ?? (body["user"] as? [String: Any])?["id"])
    }

    /// getUpdates: confirm below `offset`, then answer at once or wait up to `timeout` for an update.
    func getUpdates(_ request: BotRequest) async throws -> Any {
        let token = request.token
        guard bots[token]?.webhook == nil else {
            throw BotAPIError.conflict("can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")
        }
        // The real server ends the older request and serves the newer one.
        endPoll(token: token, reason: .newerPoll)
        confirm(token: token, offset: request.int("offset") ?? 0)
        if let allowed = request.json("allowed_updates") as? [String] {
            bots[token]?.allowedUpdates = allowed.isEmpty ? nil : Set(allowed)
        }
        let limit = Int(min(max(request.int("limit") ?? 100, 1), 100))
        let timeout = min(max(Double(request.int("timeout") ?? 0), 0), config.maxLongPollTimeout)
        if timeout > 0, bots[token]?.queue.isEmpty ?? true, !isShutDown {
            switch await waitForUpdate(token: token, timeout: timeout) {
            case .newerPoll:
                bots[token]?.pollConflictCount += 1
                throw BotAPIError.conflict("terminated by other getUpdates request; make sure that only one bot instance is running")
            case .webhookSet:
                throw BotAPIError.conflict("terminated by setWebhook request")
            case .update, .timeout, .shutdown:
                break
            }
        }
        return (bots[token]?.queue.prefix(limit) ?? []).map(\.object)
    }

    /// Drops confirmed updates: ids below a positive offset, or all but the last `-offset`.
    func confirm(token: String, offset: Int64) {
        guard var queue = bots[token]?.queue else { return }
        if offset > 0 {
            queue.removeAll { $0.id < offset }
        } else if offset < 0 {
            queue = Array(queue.suffix(Int(min(-offset, Int64(queue.count)))))
        }
        bots[token]?.queue = queue
    }

    private func waitForUpdate(token: String, timeout: Double) async -> BotState.PollWake {
        let pollId = nextPollId
        nextPollId += 1
        return await withCheckedContinuation { continuation in
            let timer = Task {
                try? await Task.sleep(for: .seconds(timeout))
                guard !Task.isCancelled else { return }
                self.endPoll(token: token, reason: .timeout, onlyId: pollId)
            }
            bots[token]?.poll = .init(id: pollId, continuation: continuation, timeoutTask: timer)
        }
    }

    /// Resumes the waiting poll of `token`, if any (and if it is `onlyId` when given).
    func endPoll(token: String, reason: BotState.PollWake, onlyId: Int? = nil) {
        guard let poll = bots[token]?.poll, onlyId == nil || poll.id == onlyId else { return }
        bots[token]?.poll = nil
        if reason != .timeout { poll.timeoutTask.cancel() }
        poll.continuation.resume(returning: reason)
    }
}
