import Foundation
import MessengerFakes
import Testing

@Suite("Webhook delivery")
struct WebhookTests {
    private func withReceiver(_ body: (FakeTelegram, BotClient, WebhookReceiver) async throws -> Void) async throws {
        let receiver = try await WebhookReceiver.start()
        do {
            try await withFakeTelegram(.init().insecureWebhooks) { telegram, bot in try await body(telegram, bot, receiver) }
        } catch {
            await receiver.stop()
            throw error
        }
        await receiver.stop()
    }

    @Test func deliversQueuedUpdatesWithTheSecretHeader() async throws {
        try await withReceiver { telegram, bot, receiver in
            try await telegram.sendUserMessage(bot: bot.token, from: ann, text: "queued before")
            let set = try await bot.call("setWebhook", ["url": await receiver.url.absoluteString, "secret_token": "s3cr3t_-X"])
            #expect(set.ok)
            try await telegram.sendUserMessage(bot: bot.token, from: ann, text: "after")
            #expect(await eventually { await receiver.hits.count == 2 })
            let hits = await receiver.hits
            #expect(hits.map(\.text) == ["queued before", "after"])
            #expect(hits.allSatisfy { $0.secret == "s3cr3t_-X" })
            #expect(await eventually { await telegram.pendingUpdateCount(bot: bot.token) == 0 })
            let info = try await bot.call("getWebhookInfo")
            let hookURL = await receiver.url.absoluteString
            #expect(info.object["url"] as? String == hookURL)
            #expect(info.object["pending_update_count"] as? Int == 0)
            #expect(info.object["max_connections"] as? Int == 40)
        }
    }

    @Test func retriesAfter500ThenSucceeds() async throws {
        try await withReceiver { telegram, bot, receiver in
            await receiver.script(text: "flaky", statuses: [500, 500])
            _ = try await bot.call("setWebhook", ["url": await receiver.url.absoluteString])
            try await telegram.sendUserMessage(bot: bot.token, from: ann, text: "flaky")
            #expect(await eventually { await receiver.hits.map(\.status) == [500, 500, 200] })
            #expect(await eventually { await telegram.pendingUpdateCount(bot: bot.token) == 0 })
            let info = try await bot.call("getWebhookInfo")
            #expect(info.object["last_error_message"] as? String == "Wrong response from the webhook: 500 Internal Server Error")
            #expect(info.object["last_error_date"] as? Int != nil)
            #expect(await telegram.webhookAttempts(bot: bot.token).map(\.status) == [500, 500, 200])
        }
    }

    @Test func honoursRetryAfterFromTheBridge() async throws {
        try await withReceiver { telegram, bot, receiver in
            await receiver.script(text: "busy", statuses: [429])
            _ = try await bot.call("setWebhook", ["url": await receiver.url.absoluteString])
            try await telegram.sendUserMessage(bot: bot.token, from: ann, text: "busy")
            #expect(await eventually { await receiver.hits.map(\.status) == [429, 200] })
            // The receiver answers before the fake records the acknowledgement.
            #expect(await eventually { await telegram.webhookAttempts(bot: bot.token).count == 2 })
            let attempts = await telegram.webhookAttempts(bot: bot.token)
            try #require(attempts.count == 2)
            // The base delay is 50 ms; only the header explains a gap of about a second.
            #expect(attempts[1].at.timeIntervalSince(attempts[0].at) >= 0.9)
        }
    }

    @Test func keepsPerChatOrderWhileOtherChatsProceed() async throws {
        try await withReceiver { telegram, bot, receiver in
            let bob = FakeTelegram.User(id: 42, firstName: "Bob")
            await receiver.script(text: "ann-1", statuses: [503, 503, 503])
            try await telegram.sendUserMessage(bot: bot.token, from: ann, text: "ann-1")
            try await telegram.sendUserMessage(bot: bot.token, from: ann, text: "ann-2")
            try await telegram.sendUserMessage(bot: bot.token, from: bob, text: "bob-1")
            _ = try await bot.call("setWebhook", ["url": await receiver.url.absoluteString])
            #expect(await eventually { await receiver.hits.filter { $0.status == 200 }.count == 3 })
            let texts = await receiver.hits.compactMap(\.text)
            // ann-2 only after ann-1 was acknowledged; bob-1 did not wait for ann's retries.
            #expect(texts.filter { $0.hasPrefix("ann") } == ["ann-1", "ann-1", "ann-1", "ann-1", "ann-2"])
            #expect(texts.firstIndex(of: "bob-1")! < texts.lastIndex(of: "ann-1")!)
        }
    }

    @Test func rejectsBadSecretsAndInsecureURLsUnlessAllowed() async throws {
        try await withFakeTelegram { _, bot in
            let plain = try await bot.call("setWebhook", ["url": "http://127.0.0.1:8080/hook"])
            #expect(plain.description == "Bad Request: bad webhook: HTTPS url must be provided for webhook")
            let port = try await bot.call("setWebhook", ["url": "https://example.org:9999/hook"])
            #expect(port.description == "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
            let chars = try await bot.call("setWebhook", ["url": "https://example.org/hook", "secret_token": "bad secret!"])
            #expect(chars.description == "Bad Request: secret token contains unallowed characters")
            let long = try await bot.call("setWebhook", ["url": "https://example.org/hook", "secret_token": String(repeating: "a", count: 257)])
            #expect(long.description == "Bad Request: secret token is too long")
            #expect(try await bot.call("setWebhook", ["url": "https://example.org:8443/hook"]).ok)
        }
    }

    @Test func setWebhookEndsAPendingPoll() async throws {
        try await withFakeTelegram(.init().insecureWebhooks) { telegram, bot in
            async let poll = bot.call("getUpdates", ["timeout": 10])
            // Wait for the poll to reach the fake, not for a fixed time that a loaded machine may exceed.
            while await telegram.calls(bot: bot.token, method: "getUpdates").isEmpty {
                try await Task.sleep(for: .milliseconds(20))
            }
            try await Task.sleep(for: .milliseconds(50))
            _ = try await bot.call("setWebhook", ["url": "http://127.0.0.1:9/hook", "drop_pending_updates": true])
            let answer = try await poll
            #expect(answer.status == 409)
            #expect(answer.description == "Conflict: terminated by setWebhook request")
        }
    }
}
