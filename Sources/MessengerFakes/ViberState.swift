import Foundation

/// The fake Viber API's state and request handling; `FakeViber` is the public face of it.
actor ViberState {
    typealias Rejection = FakeViber.Rejection

    /// Server settings.
    let config: FakeViber.Configuration
    /// HTTP client for callbacks.
    let client: MiniHTTPClient
    /// HTTP client fetching the media of the bot's messages.
    let mediaClient: MiniHTTPClient
    /// Bots by auth token.
    var bots: [String: ViberBotState] = [:]
    /// Next `message_token` to hand out.
    private var nextMessageToken: Int64
    /// The files users send, at expiring URLs.
    var media = ViberMediaHost()
    /// Set by `shutdown()`; no callback is sent afterwards.
    var isShutDown = false

    /// Methods the fake serves under `/pa/`.
    static let methods: Set<String> = ["set_webhook", "send_message", "get_account_info", "get_user_details", "get_online"]

    /// Creates the state.
    init(config: FakeViber.Configuration) {
        self.config = config
        self.client = MiniHTTPClient(timeout: config.callbackTimeout)
        self.mediaClient = MiniHTTPClient(timeout: config.mediaFetchTimeout)
        self.nextMessageToken = config.firstMessageToken
    }

    /// Current time in the configured clock.
    var now: Date { config.now() }
    /// Current time as a callback `timestamp` (epoch milliseconds).
    var timestamp: Int64 { Int64((now.timeIntervalSince1970 * 1000).rounded()) }

    /// A fresh `message_token`; the odd step keeps most of them unrepresentable as `Double`.
    func issueMessageToken() -> Int64 {
        defer { nextMessageToken += 1_000_003 }
        return nextMessageToken
    }

    /// Registers a bot (or replaces its profile, keeping nothing else).
    func addBot(token: String, name: String, uri: String, avatar: String?) {
        bots[token] = ViberBotState(name: name, uri: uri, avatar: avatar)
    }

    /// Answers one API call: token, faults, body size and JSON, then the method.
    /// - Parameter body: The raw body, or nil when it exceeded the size limit while being read.
    func handle(method: String, token: String?, body: Data?) async -> BotResponse {
        guard let token, !token.isEmpty else { return reply(Rejection(status: 2, message: "missing_auth_token")) }
        guard bots[token] != nil else { return reply(Rejection(.invalidAuthToken)) }
        if let fault = takeFault(token: token, method: method) {
            switch fault {
            case .status(let code, let message):
                let rejection = Rejection(status: code, message: message ?? FakeViber.Status(rawValue: code)?.defaultMessage ?? "generalError")
                return record(token, method, body, reply(rejection))
            case .httpError(let code):
                let answer = BotResponse(status: code, body: Data("HTTP \(code)".utf8), contentType: "text/plain")
                return record(token, method, body, answer)
            case .dropConnection:
                return BotResponse(status: 500, body: Data(), dropConnection: true)
            case .slow(let seconds):
                try? await Task.sleep(for: .seconds(seconds))
            }
        }
        let answer: BotResponse
        do throws(Rejection) {
            let raw = try checkedBody(body)
            answer = ok(try await perform(method, token: token, object: try parse(raw), raw: raw))
        } catch {
            answer = reply(error)
        }
        return record(token, method, body, answer)
    }

    private func perform(_ method: String, token: String, object: [String: Any], raw: Data) async throws(Rejection) -> [String: Any] {
        switch method {
        case "set_webhook": return try await setWebhook(token: token, body: object)
        case "send_message": return try await sendMessage(token: token, body: object, raw: raw)
        case "get_account_info": return accountInfo(token: token)
        case "get_user_details": return try userDetails(token: token, body: object)
        default: return try online(token: token, body: object)
        }
    }

    private func checkedBody(_ body: Data?) throws(Rejection) -> Data {
        guard let body, body.count <= config.maxBodyBytes else {
            throw Rejection(.badData, "request body is larger than \(config.maxBodyBytes) bytes")
        }
        return body
    }

    private func parse(_ raw: Data) throws(Rejection) -> [String: Any] {
        // get_account_info is documented with `{}`, but an empty body is as harmless.
        if raw.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return [:] }
        guard let object = (try? JSONSerialization.jsonObject(with: raw)) as? [String: Any] else {
            throw Rejection(.badData, "request body is not a JSON object")
        }
        return object
    }

    private func takeFault(token: String, method: String) -> FakeViber.Fault? {
        guard let fault = bots[token]?.faults[method]?.first else { return nil }
        bots[token]?.faults[method]?.removeFirst()
        return fault ?? nil
    }

    private func record(_ token: String, _ method: String, _ body: Data?, _ answer: BotResponse) -> BotResponse {
        let status = JSON.int64(((try? JSONSerialization.jsonObject(with: answer.body)) as? [String: Any])?["status"]).map { Int($0) }
        bots[token]?.calls.append(.init(method: method, httpStatus: answer.status, status: status, body: body ?? Data(), at: now))
        return answer
    }

    /// HTTP 200 with a non-zero `status`: how Viber reports every application error.
    func reply(_ rejection: Rejection) -> BotResponse {
        BotResponse(
            status: 200,
            body: JSON.encode(["status": rejection.status, "status_message": rejection.message, "chat_hostname": config.chatHostname])
        )
    }

    /// HTTP 200 with `status` 0 and the method's own fields.
    func ok(_ fields: [String: Any]) -> BotResponse {
        var object = fields
        object["status"] = 0
        object["status_message"] = "ok"
        object["chat_hostname"] = config.chatHostname
        return BotResponse(status: 200, body: JSON.encode(object))
    }

    /// Stops sending callbacks.
    func shutdown() { isShutDown = true }
}
