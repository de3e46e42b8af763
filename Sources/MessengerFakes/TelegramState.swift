import Foundation

/// The fake Bot API's state and request handling; `FakeTelegram` is the public face of it.
actor TelegramState {
    /// Spec the calls are validated against.
    let spec: TelegramSpec
    /// Server settings.
    let config: FakeTelegram.Configuration
    /// HTTP client for webhook POSTs.
    let client: MiniHTTPClient
    /// Bots by token.
    var bots: [String: BotState] = [:]
    /// Chats whose user blocked every bot.
    var blockedChats: Set<Int64> = []
    /// Group and supergroup chats by id.
    var groups: [Int64: GroupChat] = [:]
    /// Basic groups upgraded to supergroups: old id → supergroup id.
    var migratedGroups: [Int64: Int64] = [:]
    /// Source of unique suffixes for file and callback ids.
    var sequence = 0
    /// Source of poll ids.
    var nextPollId = 1
    /// Set by `shutdown()`; no new deliveries or polls start afterwards.
    var isShutDown = false

    /// Creates the state.
    init(spec: TelegramSpec, config: FakeTelegram.Configuration) {
        self.spec = spec
        self.config = config
        self.client = MiniHTTPClient(timeout: config.webhookRequestTimeout)
    }

    /// Current time in the configured clock.
    var now: Date { config.now() }
    /// Current time as a Bot API `date`.
    var unixNow: Int { Int(config.now().timeIntervalSince1970) }

    /// A new unique number for ids.
    func nextSequence() -> Int {
        sequence += 1
        return sequence
    }

    /// Registers a bot; its `getMe` id is the token's numeric prefix when there is one.
    func addBot(token: String, username: String, firstName: String) {
        let id = Int64(token.prefix { $0 != ":" }) ?? Int64(abs(token.hashValue % 1_000_000_000))
        bots[token] = BotState(
            id: id,
            username: username,
            firstName: firstName,
            limiter: RateLimiter(limits: config.rateLimits)
        )
    }

    /// Answers one Bot API call: token, method, faults, spec validation, then the method itself.
    func handle(_ request: BotRequest) async -> BotResponse {
        guard bots[request.token] != nil else { return .failure(.unauthorized) }
        guard let method = spec.method(named: request.method) else { return .failure(.notFound) }
        let token = request.token
        bots[token]?.calls.append(.init(method: method.name, parameters: request.params, files: request.files, receivedAt: now))
        if let fault = takeFault(token: token, method: method.name) {
            switch fault {
            case .tooManyRequests(let seconds): return fail(token, .tooManyRequests(retryAfter: seconds))
            case .serverError(let code): return fail(token, .serverError(code))
            case .forbiddenBlocked: return fail(token, .blocked)
            case .dropConnection: return BotResponse(status: 500, body: Data(), dropConnection: true)
            case .slow(let seconds): try? await Task.sleep(for: .seconds(seconds))
            }
        }
        do {
            try spec.validate(request, against: method)
            return .success(try await perform(method, request))
        } catch let error as BotAPIError {
            return fail(token, error)
        } catch {
            return fail(token, .serverError(500))
        }
    }

    private func fail(_ token: String, _ error: BotAPIError) -> BotResponse {
        if error.code == 429 { bots[token]?.tooManyRequestsCount += 1 }
        return .failure(error)
    }

    func takeFault(token: String, method: String) -> FakeTelegram.Fault? {
        let key = method.lowercased()
        guard let fault = bots[token]?.faults[key]?.first else { return nil }
        bots[token]?.faults[key]?.removeFirst()
        return fault ?? nil
    }

    private func perform(_ method: TelegramSpec.Method, _ request: BotRequest) async throws -> Any {
        let token = request.token
        switch method.name {
        case "getMe": return bots[token]?.userJSON ?? [:]
        case "getUpdates": return try await getUpdates(request)
        case "setWebhook": return try setWebhook(request)
        case "deleteWebhook": return deleteWebhook(token: token, dropPending: request.bool("drop_pending_updates"))
        case "getWebhookInfo": return webhookInfo(token: token)
        case "sendMessage": return try sendMessage(request)
        case "editMessageText": return try editMessageText(request)
        case "editMessageCaption": return try editMessageCaption(request)
        case "deleteMessage": return try deleteMessage(request)
        case "sendPhoto", "sendDocument", "sendVoice", "sendAudio", "sendVideo": return try sendMedia(request, method: method.name)
        case "sendLocation": return try sendLocation(request)
        case "sendContact": return try sendContact(request)
        case "sendMediaGroup": return try sendMediaGroup(request)
        case "sendChatAction": return try sendChatAction(request)
        case "answerCallbackQuery": return try answerCallbackQuery(request)
        case "getFile": return try getFile(request)
        case "createForumTopic": return try createForumTopic(request)
        case "editForumTopic": return try editForumTopic(request)
        case "closeForumTopic": return try setForumTopicClosed(request, closed: true)
        case "reopenForumTopic": return try setForumTopicClosed(request, closed: false)
        case "getChatMember": return try getChatMember(request)
        case "getChatAdministrators": return try getChatAdministrators(request)
        case "getChat": return try getChat(request)
        default:
            // Valid per the spec but not emulated: harmless setters succeed, the rest say so plainly.
            guard method.returns == ["Boolean"] else {
                throw BotAPIError(code: 501, description: "Not Implemented: FakeTelegram does not emulate \(method.name)")
            }
            return true
        }
    }

    /// Ends polls and webhook deliveries so the HTTP server can shut down gracefully.
    func shutdown() {
        isShutDown = true
        for token in bots.keys {
            endPoll(token: token, reason: .shutdown)
            cancelDeliveries(token: token)
        }
    }
}
