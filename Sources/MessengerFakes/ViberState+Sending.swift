import Foundation

extension ViberState {
    /// send_message: account, webhook, body, receiver, then the per-user limits, in that order.
    func sendMessage(token: String, body: [String: Any], raw: Data) throws(Rejection) -> [String: Any] {
        guard let bot = bots[token] else { throw Rejection(.invalidAuthToken) }
        switch bot.accountState {
        case .active: break
        case .blocked: throw Rejection(.publicAccountBlocked)
        case .suspended: throw Rejection(.publicAccountSuspended)
        }
        if config.requireWebhookForSending, bot.webhook == nil { throw Rejection(.webhookNotSet) }
        guard let receiverValue = body["receiver"] else { throw Rejection(.missingData, "receiver is missing") }
        guard let receiver = receiverValue as? String, !receiver.isEmpty else { throw Rejection(.badData, "receiver must be a user id") }
        try ViberMessageValidator.validate(body)
        guard let subscriber = bot.users[receiver] else { throw Rejection(.receiverNotRegistered) }
        guard subscriber.subscribed else { throw Rejection(.receiverNotSubscribed) }
        let minApiVersion = JSON.int64(body["min_api_version"]) ?? 1
        guard minApiVersion <= subscriber.user.apiVersion else { throw Rejection(.apiVersionNotSupported) }
        try admit(token: token, receiver: receiver, billing: bot.billing)
        let messageToken = issueMessageToken()
        let message = FakeViber.SentMessage(body: body, raw: raw, receiver: receiver, token: messageToken, isWelcome: false, at: now)
        bots[token]?.sent.append(message)
        bots[token]?.users[receiver]?.unansweredSends.append(now)
        bots[token]?.users[receiver]?.lastTrackingData = message.trackingData
        return ["message_token": messageToken]
    }

    /// The unanswered-message limit and the commercial modes for one send.
    private func admit(token: String, receiver: String, billing: FakeViber.Billing) throws(Rejection) {
        let now = now
        guard var subscriber = bots[token]?.users[receiver] else { throw Rejection(.receiverNotRegistered) }
        subscriber.unansweredSends.removeAll { now.timeIntervalSince($0) >= config.unansweredWindow }
        bots[token]?.users[receiver] = subscriber
        if let limit = config.unansweredMessageLimit, subscriber.unansweredSends.count >= limit {
            throw Rejection(.tooManyRequests)
        }
        let inSession = subscriber.lastMessageAt.map { now.timeIntervalSince($0) < config.sessionLength } ?? false
        switch (billing, inSession) {
        case (.freeMessagesExceeded, false): throw Rejection(.freeMessagesExceeded)
        case (.noBalance, false): throw Rejection(.noBalance)
        default: break
        }
    }

    /// Validates the answer body of `conversation_started` and records it as the welcome message.
    func acceptWelcome(token: String, user: FakeViber.User, raw: Data) -> (FakeViber.SentMessage?, Rejection?) {
        let trimmed = raw.filter { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }
        guard !trimmed.isEmpty else { return (nil, nil) }
        do throws(Rejection) {
            guard raw.count <= config.maxBodyBytes else { throw Rejection(.badData, "welcome message is larger than 30 KB") }
            guard let body = (try? JSONSerialization.jsonObject(with: raw)) as? [String: Any] else {
                throw Rejection(.badData, "welcome message is not a JSON object")
            }
            try ViberMessageValidator.validate(body)
            let message = FakeViber.SentMessage(body: body, raw: raw, receiver: user.id, token: issueMessageToken(), isWelcome: true, at: now)
            bots[token]?.sent.append(message)
            bots[token]?.users[user.id]?.lastTrackingData = message.trackingData
            return (message, nil)
        } catch {
            return (nil, error)
        }
    }
}
