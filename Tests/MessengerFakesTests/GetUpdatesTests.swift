import Foundation
import MessengerFakes
import Testing

@Suite("getUpdates: confirmation, long polling, conflicts")
struct GetUpdatesTests {
    @Test func offsetConfirmsAndAnOldOffsetGetsRedelivery() async throws {
        try await withFakeTelegram { telegram, bot in
            // Given three messages from a user with a 64-bit id
            let first = try await telegram.sendUserMessage(bot: bot.token, from: ann, text: "one")
            try await telegram.sendUserMessage(bot: bot.token, from: ann, text: "two")
            try await telegram.sendUserMessage(bot: bot.token, from: ann, text: "three")
            // When the client reads them without confirming, then restarts with the same offset
            let all = try await bot.call("getUpdates", ["offset": 0])
            let again = try await bot.call("getUpdates", ["offset": first.updateId])
            // Then nothing was dropped
            #expect(all.array.count == 3)
            #expect(again.array.map { $0["update_id"] as? Int64 } == all.array.map { $0["update_id"] as? Int64 })
            let message = all.array[0]["message"] as? [String: Any]
            #expect((message?["chat"] as? [String: Any])?["id"] as? Int64 == 5_000_000_001)
            #expect(message?["text"] as? String == "one")
            // When it confirms the first two
            let rest = try await bot.call("getUpdates", ["offset": first.updateId + 2])
            #expect(rest.array.count == 1)
            #expect(await telegram.pendingUpdateCount(bot: bot.token) == 1)
            // Then a restart with the old offset gets only the unconfirmed one
            let restart = try await bot.call("getUpdates", ["offset": first.updateId])
            #expect(restart.array.map { $0["update_id"] as? Int64 } == [first.updateId + 2])
        }
    }

    @Test func negativeOffsetKeepsOnlyTheLastUpdatesAndLimitIsClamped() async throws {
        try await withFakeTelegram { telegram, bot in
            for index in 1...5 { try await telegram.sendUserMessage(bot: bot.token, from: ann, text: "m\(index)") }
            let limited = try await bot.call("getUpdates", ["limit": 0])
            #expect(limited.array.count == 1)
            let trimmed = try await bot.call("getUpdates", ["offset": -2])
            let texts = trimmed.array.map { ($0["message"] as? [String: Any])?["text"] as? String }
            #expect(texts == ["m4", "m5"])
            #expect(await telegram.pendingUpdateCount(bot: bot.token) == 2)
        }
    }

    @Test func longPollReturnsEarlyWhenAnUpdateArrives() async throws {
        try await withFakeTelegram { telegram, bot in
            let started = ContinuousClock.now
            async let poll = bot.call("getUpdates", ["timeout": 120])
            try await Task.sleep(for: .milliseconds(300))
            try await telegram.sendUserMessage(bot: bot.token, from: ann, text: "wake up")
            let answer = try await poll
            #expect(answer.array.count == 1)
            // Half the 120 s poll: early, with room for a machine running the whole suite on two cores.
            #expect(ContinuousClock.now - started < .seconds(60))
        }
    }

    @Test func stopEndsAPendingLongPollPromptly() async throws {
        let telegram = try await FakeTelegram.start()
        await telegram.addBot(token: "1:A", username: "a_bot", firstName: "A")
        let bot = BotClient(telegram: telegram, token: "1:A")
        let poll = Task { try await bot.call("getUpdates", ["timeout": 120]).status }
        try await Task.sleep(for: .milliseconds(300))
        let started = ContinuousClock.now
        await telegram.stop()
        // Half the 120 s poll: prompt, with room for a machine running the whole suite on two cores.
        #expect(ContinuousClock.now - started < .seconds(60))
        // The poll is answered (an empty list) or its connection is closed; either way it does not hang.
        let status = try? await poll.value
        #expect(status == nil || status == 200)
    }

    @Test func shortTimeoutEndsWithAnEmptyList() async throws {
        try await withFakeTelegram { _, bot in
            let answer = try await bot.call("getUpdates", ["timeout": 1])
            #expect(answer.status == 200)
            #expect(answer.array.isEmpty)
        }
    }

    @Test func secondConcurrentPollEndsTheFirstWith409() async throws {
        try await withFakeTelegram { telegram, bot in
            async let first = bot.call("getUpdates", ["timeout": 10])
            // Wait for the first poll to reach the fake rather than for a fixed time: under a loaded
            // parallel test run 300 ms was not always enough and the polls arrived in the wrong order.
            while await telegram.calls(bot: bot.token, method: "getUpdates").isEmpty {
                try await Task.sleep(for: .milliseconds(20))
            }
            try await Task.sleep(for: .milliseconds(50))
            let second = try await bot.call("getUpdates", ["timeout": 0])
            let older = try await first
            #expect(older.status == 409)
            #expect(
                older.description
                    == "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
            )
            #expect(second.status == 200)
        }
    }

    @Test func getUpdatesWhileWebhookIsSetGets409() async throws {
        try await withFakeTelegram(.init().insecureWebhooks) { _, bot in
            #expect(try await bot.call("setWebhook", ["url": "http://127.0.0.1:9/hook"]).ok)
            let answer = try await bot.call("getUpdates")
            #expect(answer.status == 409)
            #expect(
                answer.description
                    == "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
            )
            #expect(try await bot.call("deleteWebhook").ok)
            #expect(try await bot.call("getUpdates").status == 200)
        }
    }

    @Test func allowedUpdatesPersistAndDefaultExcludesChatMember() async throws {
        try await withFakeTelegram { telegram, bot in
            let member: [String: Any] = ["chat": ["id": -1_001_234_567_890, "type": "supergroup"], "date": 1]
            let dropped = try await telegram.enqueueUpdate(bot: bot.token, json: ["chat_member": member])
            #expect(dropped.queued == false)
            _ = try await bot.call("getUpdates", ["allowed_updates": ["chat_member"]])
            let kept = try await telegram.enqueueUpdate(bot: bot.token, json: ["chat_member": member])
            let message = try await telegram.sendUserMessage(bot: bot.token, from: ann, text: "filtered out")
            #expect(kept.queued)
            #expect(kept.chatId == -1_001_234_567_890)
            #expect(message.queued == false)
            // Omitting allowed_updates keeps the previous setting.
            let answer = try await bot.call("getUpdates")
            #expect(answer.array.compactMap { $0.keys.first { $0 != "update_id" } } == ["chat_member"])
        }
    }

    @Test func unknownUpdateKindsAndRawJSONAreQueued() async throws {
        try await withFakeTelegram { telegram, bot in
            let raw = Data(#"{"update_id":1,"future_kind":{"from":{"id":6000000000,"is_bot":false,"first_name":"Bo"}}}"#.utf8)
            let injected = try await telegram.enqueueUpdate(bot: bot.token, json: raw)
            #expect(injected.kind == "future_kind")
            #expect(injected.chatId == 6_000_000_000)
            let answer = try await bot.call("getUpdates")
            #expect(answer.array.first?["update_id"] as? Int64 == injected.updateId)
        }
    }
}
