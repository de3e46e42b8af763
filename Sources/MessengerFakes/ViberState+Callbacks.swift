import Foundation

extension ViberState {
    /// POSTs a signed callback, redelivering the same bytes (same `message_token`) until HTTP 200 or `maxAttempts`.
    func post(
        token: String,
        url: URL,
        event: String,
        messageToken: Int64?,
        body: Data,
        signature: FakeViber.Signature = .valid,
        maxAttempts: Int
    ) async -> FakeViber.CallbackResult {
        let header = ViberSignature.header(signature, body: body, key: token)
        var headers = [("Content-Type", "application/json")]
        if let header { headers.append(("X-Viber-Content-Signature", header)) }
        var result = FakeViber.CallbackResult(
            event: event,
            messageToken: messageToken,
            body: body,
            signature: header,
            status: nil,
            responseBody: Data(),
            attempts: 0,
            filtered: false
        )
        var delay = config.callbackRetryBaseDelay
        for attempt in 1...max(1, maxAttempts) where !isShutDown {
            if attempt > 1 {
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, config.callbackRetryMaxDelay)
            }
            result.attempts = attempt
            var error: String?
            do {
                let response = try await client.post(url: url, headers: headers, body: body)
                result.status = response.status
                result.responseBody = response.body
                if response.status != 200 { error = "HTTP \(response.status) \(response.reason)" }
            } catch let failure {
                result.status = nil
                result.responseBody = Data()
                error = "\(failure)"
            }
            bots[token]?.callbackAttempts.append(
                .init(event: event, messageToken: messageToken, attempt: attempt, status: result.status, error: error, at: now)
            )
            if result.status == 200 { break }
        }
        return result
    }

    /// Sends a callback to the bot's webhook unless its `event_types` filter it out.
    /// - Throws: `FakeError.unknownBot`, `FakeError.webhookNotSet`.
    func deliver(
        token: String,
        event: String,
        object: [String: Any],
        messageToken: Int64?
    ) async throws(FakeViber.FakeError)
        -> FakeViber.CallbackResult
    {
        let webhook = try target(token)
        let body = JSON.encode(object)
        guard bots[token]?.accepts(event: event) == true else {
            return .init(
                event: event,
                messageToken: messageToken,
                body: body,
                signature: nil,
                status: nil,
                responseBody: Data(),
                attempts: 0,
                filtered: true
            )
        }
        return await post(
            token: token,
            url: webhook.url,
            event: event,
            messageToken: messageToken,
            body: body,
            maxAttempts: config.callbackMaxAttempts
        )
    }

    /// POSTs caller-made bytes once, signed as asked; for forged and malformed callback tests.
    func deliverRaw(token: String, body: Data, signature: FakeViber.Signature) async throws(FakeViber.FakeError) -> FakeViber.CallbackResult {
        let webhook = try target(token)
        let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        let event = object?["event"] as? String ?? ""
        return await post(
            token: token,
            url: webhook.url,
            event: event,
            messageToken: JSON.int64(object?["message_token"]),
            body: body,
            signature: signature,
            maxAttempts: 1
        )
    }

    /// The bot's webhook.
    /// - Throws: `FakeError.unknownBot`, `FakeError.webhookNotSet`.
    func target(_ token: String) throws(FakeViber.FakeError) -> ViberBotState.Webhook {
        guard let bot = bots[token] else { throw .unknownBot }
        guard let webhook = bot.webhook else { throw .webhookNotSet }
        return webhook
    }
}
