import Foundation
import MessengerFakes
import Testing

@Suite("Injected faults")
struct FaultTests {
    @Test func injected429CarriesRetryAfterInBodyAndHeader() async throws {
        try await withFakeTelegram { telegram, bot in
            try await telegram.failNext(bot: bot.token, method: "sendmessage", with: .tooManyRequests(retryAfter: 7))
            let limited = try await bot.call("sendMessage", ["chat_id": ann.id, "text": "hi"])
            #expect(limited.status == 429)
            #expect(limited.description == "Too Many Requests: retry after 7")
            #expect(limited.retryAfter == 7)
            #expect(limited.retryAfterHeader == "7")
            #expect(try await bot.call("sendMessage", ["chat_id": ann.id, "text": "hi"]).status == 200)
            #expect(await telegram.tooManyRequestsCount(bot: bot.token) == 1)
            #expect(await telegram.sentMessages(bot: bot.token).count == 1)
        }
    }

    @Test func aFaultAfterSomeCallsLetsThoseThrough() async throws {
        try await withFakeTelegram { telegram, bot in
            try await telegram.failNext(bot: bot.token, method: "sendMessage", with: .tooManyRequests(retryAfter: 3), after: 1)
            #expect(try await bot.call("sendMessage", ["chat_id": ann.id, "text": "part 1"]).ok)
            #expect(try await bot.call("sendMessage", ["chat_id": ann.id, "text": "part 2"]).retryAfter == 3)
            #expect(try await bot.call("sendMessage", ["chat_id": ann.id, "text": "part 2"]).ok)
            #expect(await telegram.sentMessages(bot: bot.token).map(\.text) == ["part 1", "part 2"])
        }
    }

    @Test func serverErrorsForbiddenAndCounts() async throws {
        try await withFakeTelegram { telegram, bot in
            try await telegram.failNext(bot: bot.token, method: "getMe", with: .serverError(502), count: 2)
            try await telegram.failNext(bot: bot.token, method: "sendMessage", with: .forbiddenBlocked)
            #expect(try await bot.call("getMe").status == 502)
            #expect(try await bot.call("getMe").description == "Bad Gateway")
            #expect(try await bot.call("getMe").status == 200)
            let blocked = try await bot.call("sendMessage", ["chat_id": ann.id, "text": "hi"])
            #expect(blocked.status == 403)
            #expect(blocked.description == "Forbidden: bot was blocked by the user")
        }
    }

    @Test func blockedUserRejectsEverySend() async throws {
        try await withFakeTelegram { telegram, bot in
            await telegram.blockUser(chatId: ann.id)
            for _ in 0..<2 {
                let answer = try await bot.call("sendMessage", ["chat_id": ann.id, "text": "hi"])
                #expect(answer.status == 403)
            }
            #expect(try await bot.call("sendMessage", ["chat_id": 42, "text": "hi"]).ok)
            await telegram.unblockUser(chatId: ann.id)
            #expect(try await bot.call("sendMessage", ["chat_id": ann.id, "text": "hi"]).ok)
        }
    }

    @Test func droppedConnectionGivesNoAnswer() async throws {
        try await withFakeTelegram { telegram, bot in
            try await telegram.failNext(bot: bot.token, method: "getMe", with: .dropConnection)
            await #expect(throws: (any Error).self) { _ = try await bot.call("getMe") }
            #expect(try await bot.call("getMe").ok)
        }
    }

    @Test func slowAnswerArrivesLate() async throws {
        try await withFakeTelegram { telegram, bot in
            try await telegram.failNext(bot: bot.token, method: "getMe", with: .slow(seconds: 0.4))
            let started = ContinuousClock.now
            #expect(try await bot.call("getMe").ok)
            #expect(ContinuousClock.now - started >= .milliseconds(400))
        }
    }

    @Test func strictChatsRejectsUnknownChats() async throws {
        var configuration = FakeTelegram.Configuration()
        configuration.strictChats = true
        try await withFakeTelegram(configuration) { telegram, bot in
            let unknown = try await bot.call("sendMessage", ["chat_id": 77, "text": "hi"])
            #expect(unknown.description == "Bad Request: chat not found")
            try await telegram.sendUserMessage(bot: bot.token, from: ann, text: "hello")
            #expect(try await bot.call("sendMessage", ["chat_id": ann.id, "text": "hi"]).ok)
        }
    }
}
