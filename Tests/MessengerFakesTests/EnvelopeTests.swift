import Foundation
import MessengerFakes
import Testing

@Suite("Routing, envelope and spec validation")
struct EnvelopeTests {
    @Test func unknownTokenGets401() async throws {
        try await withFakeTelegram { telegram, _ in
            let answer = try await BotClient(telegram: telegram, token: "999:nope").call("getMe")
            #expect(answer.status == 401)
            #expect(answer.ok == false)
            #expect(answer.errorCode == 401)
            #expect(answer.description == "Unauthorized")
        }
    }

    @Test func unknownMethodGets404AndNamesAreCaseInsensitive() async throws {
        try await withFakeTelegram { _, bot in
            let unknown = try await bot.call("sendTelepathy")
            #expect(unknown.status == 404)
            #expect(unknown.description == "Not Found")
            let me = try await bot.call("GETME")
            #expect(me.status == 200)
            #expect(me.ok)
            #expect(me.object["username"] as? String == "desk_bot")
            #expect(me.object["is_bot"] as? Bool == true)
            #expect(me.object["id"] as? Int == 123_456)
        }
    }

    @Test func parameterNotInSpecGets400() async throws {
        try await withFakeTelegram { _, bot in
            let answer = try await bot.call("sendMessage", ["chat_id": 1, "text": "hi", "txet": "typo"])
            #expect(answer.status == 400)
            #expect(answer.description?.hasPrefix("Bad Request: unknown parameter \"txet\" for method sendMessage") == true)
        }
    }

    @Test func missingRequiredParameterGets400() async throws {
        try await withFakeTelegram { _, bot in
            let answer = try await bot.call("sendMessage", ["chat_id": 1])
            #expect(answer.status == 400)
            #expect(answer.errorCode == 400)
            #expect(answer.description == "Bad Request: text is empty")
        }
    }

    @Test func acceptsQueryFormJSONAndMultipartParameters() async throws {
        try await withFakeTelegram(.init().unlimited) { telegram, bot in
            let viaQuery = try await bot.get("sendMessage", query: ["chat_id": "7", "text": "query"])
            let viaForm = try await bot.form("sendMessage", ["chat_id": "7", "text": "form & more"])
            let viaJSON = try await bot.call("sendMessage", ["chat_id": 7, "text": "json"])
            let viaMultipart = try await bot.multipart("sendMessage", fields: ["chat_id": "7", "text": "multipart"], files: [])
            #expect([viaQuery, viaForm, viaJSON, viaMultipart].map(\.status) == [200, 200, 200, 200])
            let texts = await telegram.sentMessages(bot: bot.token, chatId: 7).map(\.text)
            #expect(texts == ["query", "form & more", "json", "multipart"])
            #expect(viaJSON.object["message_id"] as? Int == 3)
        }
    }

    @Test func unknownPathGets404Envelope() async throws {
        try await withFakeTelegram { telegram, bot in
            let (status, body) = try await bot.download(telegram.baseURL.appendingPathComponent("nothing"))
            #expect(status == 404)
            #expect(String(decoding: body, as: UTF8.self).contains("\"ok\":false"))
        }
    }
}

extension FakeTelegram.Configuration {
    /// This configuration with flood control off, for tests that send in bursts.
    var unlimited: Self {
        var copy = self
        copy.rateLimits = .unlimited
        return copy
    }

    /// This configuration with plain-HTTP webhooks on any port allowed.
    var insecureWebhooks: Self {
        var copy = self
        copy.allowInsecureWebhooks = true
        return copy
    }
}
