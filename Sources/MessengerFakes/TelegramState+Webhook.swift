import Foundation

extension TelegramState {
    /// Ports the real API accepts for webhooks.
    static let webhookPorts: Set<Int> = [443, 80, 88, 8443]

    /// setWebhook: validates URL and secret, replaces any webhook and starts delivering the queue.
    func setWebhook(_ request: BotRequest) throws -> Any {
        let token = request.token
        let urlText = request.params["url"] ?? ""
        guard !urlText.isEmpty else { return deleteWebhook(token: token, dropPending: request.bool("drop_pending_updates")) }
        guard let url = URL(string: urlText), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host?.isEmpty == false
        else { throw BotAPIError.badRequest("invalid webhook URL specified") }
        if !config.allowInsecureWebhooks {
            guard scheme == "https" else { throw BotAPIError.badRequest("bad webhook: HTTPS url must be provided for webhook") }
            guard Self.webhookPorts.contains(url.port ?? 443) else {
                throw BotAPIError.badRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
            }
        }
        let secret = request.params["secret_token"].flatMap { $0.isEmpty ? nil : $0 }
        if let secret {
            guard secret.count <= 256 else { throw BotAPIError.badRequest("secret token is too long") }
            let allowed = secret.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-") }
            guard allowed else { throw BotAPIError.badRequest("secret token contains unallowed characters") }
        }
        let maxConnections = Int(min(max(request.int("max_connections") ?? 40, 1), 100))
        if let allowed = request.json("allowed_updates") as? [String] {
            bots[token]?.allowedUpdates = allowed.isEmpty ? nil : Set(allowed)
        }
        endPoll(token: token, reason: .webhookSet)
        cancelDeliveries(token: token)
        if request.bool("drop_pending_updates") { bots[token]?.queue.removeAll() }
        let generation = (bots[token]?.webhook?.generation ?? 0) + 1
        bots[token]?.webhook = .init(url: url, secretToken: secret, maxConnections: maxConnections, generation: generation)
        bots[token]?.lastWebhookError = nil
        pumpWebhook(token: token)
        return true
    }

    /// deleteWebhook: stops deliveries; the queue stays for getUpdates unless dropped.
    func deleteWebhook(token: String, dropPending: Bool) -> Any {
        cancelDeliveries(token: token)
        bots[token]?.webhook = nil
        if dropPending { bots[token]?.queue.removeAll() }
        return true
    }

    /// getWebhookInfo result.
    func webhookInfo(token: String) -> Any {
        guard let bot = bots[token] else { return [:] }
        var info: [String: Any] = [
            "url": bot.webhook?.url.absoluteString ?? "", "has_custom_certificate": false, "pending_update_count": bot.queue.count,
        ]
        if let webhook = bot.webhook { info["max_connections"] = webhook.maxConnections }
        if let error = bot.lastWebhookError {
            info["last_error_date"] = error.date
            info["last_error_message"] = error.message
        }
        if let allowed = bot.allowedUpdates { info["allowed_updates"] = allowed.sorted() }
        return info
    }

    /// Cancels every in-flight delivery of `token`.
    func cancelDeliveries(token: String) {
        for task in bots[token]?.webhook?.deliveries.values ?? [:].values { task.cancel() }
        bots[token]?.webhook?.deliveries.removeAll()
    }

    /// Starts deliveries for the head update of every chat that has none in flight, up to `max_connections`.
    func pumpWebhook(token: String) {
        guard !isShutDown, let bot = bots[token], let webhook = bot.webhook else { return }
        var busyChats: Set<Int64> = []
        var running = webhook.deliveries.count
        for update in bot.queue {
            if let chatId = update.chatId {
                // Per-chat order: only the oldest update of a chat may be on the wire.
                guard busyChats.insert(chatId).inserted else { continue }
            }
            guard webhook.deliveries[update.id] == nil else { continue }
            guard running < webhook.maxConnections else { break }
            running += 1
            let body = JSON.encode(update.object)
            let updateId = update.id
            bots[token]?.webhook?.deliveries[updateId] = Task {
                await self.deliver(token: token, updateId: updateId, body: body, webhook: webhook)
            }
        }
    }

    /// POSTs one update until it is acknowledged, backing off between failures.
    private nonisolated func deliver(token: String, updateId: Int64, body: Data, webhook: BotState.Webhook) async {
        var headers = [("Content-Type", "application/json")]
        if let secret = webhook.secretToken { headers.append(("X-Telegram-Bot-Api-Secret-Token", secret)) }
        var delay = config.webhookRetryBaseDelay
        while !Task.isCancelled {
            var retryAfter: Duration?
            let failure: (status: Int?, message: String)
            do {
                let response = try await client.post(url: webhook.url, headers: headers, body: body)
                if (200..<300).contains(response.status) {
                    await delivered(token: token, updateId: updateId, generation: webhook.generation, status: response.status)
                    return
                }
                failure = (response.status, "Wrong response from the webhook: \(response.status) \(response.reason)")
                // The real server honours the bridge's Retry-After, clamped to 0–3600 s.
                retryAfter = response.header("Retry-After").flatMap(Int.init).map { .seconds(min(max($0, 0), 3600)) }
            } catch {
                if Task.isCancelled { return }
                failure = (nil, "Connection failed: \(error)")
            }
            await failed(token: token, updateId: updateId, generation: webhook.generation, status: failure.status, message: failure.message)
            try? await Task.sleep(for: retryAfter ?? delay)
            delay = min(delay * 2, config.webhookRetryMaxDelay)
        }
    }

    private func delivered(token: String, updateId: Int64, generation: Int, status: Int) {
        guard bots[token]?.webhook?.generation == generation else { return }
        bots[token]?.webhookAttempts.append(.init(updateId: updateId, status: status, error: nil, at: now))
        bots[token]?.webhook?.deliveries[updateId] = nil
        bots[token]?.queue.removeAll { $0.id == updateId }
        pumpWebhook(token: token)
    }

    private func failed(token: String, updateId: Int64, generation: Int, status: Int?, message: String) {
        guard bots[token]?.webhook?.generation == generation else { return }
        bots[token]?.webhookAttempts.append(.init(updateId: updateId, status: status, error: message, at: now))
        bots[token]?.lastWebhookError = (unixNow, message)
    }
}
