import Foundation

extension ViberState {
    /// send_message: account, webhook, body, receiver, the per-user limits, then (for a picture, video or
    /// file) the media fetched from its URL, in that order.
    func sendMessage(token: String, body: [String: Any], raw: Data) async throws(Rejection) -> [String: Any] {
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
        let fetched = await fetchMedia(of: body)
        if let fetched, let type = body["type"] as? String { try ViberMediaLimits.check(fetched, type: type) }
        let messageToken = issueMessageToken()
        var message = FakeViber.SentMessage(body: body, raw: raw, receiver: receiver, token: messageToken, isWelcome: false, at: now)
        message.fetched = fetched
        bots[token]?.sent.append(message)
        bots[token]?.users[receiver]?.unansweredSends.append(now)
        bots[token]?.users[receiver]?.lastTrackingData = message.trackingData
        return ["message_token": messageToken]
    }

    /// Fetches the `media` of a picture, video or file message, as Viber does when it receives one; nil for other types.
    private func fetchMedia(of body: [String: Any]) async -> FakeViber.FetchedMedia? {
        guard let type = body["type"] as? String, ["picture", "video", "file"].contains(type), let media = body["media"] as? String else {
            return nil
        }
        guard let url = URL(string: media) else { return FakeViber.FetchedMedia(url: media, body: Data(), error: "not a URL") }
        do {
            let response = try await mediaClient.get(url: url, keep: ViberMediaLimits.keepBytes)
            return FakeViber.FetchedMedia(url: media, status: response.status, contentType: response.header("Content-Type"), body: response.body)
        } catch {
            return FakeViber.FetchedMedia(url: media, body: Data(), error: "\(error)")
        }
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
