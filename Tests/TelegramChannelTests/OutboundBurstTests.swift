import CurlHTTP
import Foundation
import MessengerFakes
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TelegramChannel
import TestSupport
import Testing

@Suite(.serialized) struct OutboundBurstTests {
    @Test func burstOf500RepliesTo50ChatsNeverHits429AndKeepsCloseToTheAllowedRate() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let outbound = OutboundHarness(base: harness)
        // Given 50 conversations with 10 queued replies each, queued round-robin as operators would type them
        let chats = (0..<50).map { TelegramHarness.user($0).id }
        var conversations: [ConversationID] = []
        for chat in chats { conversations.append(try await outbound.conversation(chatID: chat)) }
        for round in 0..<10 {
            for (index, conversation) in conversations.enumerated() {
                try await outbound.reply("reply \(round) to chat \(index)", in: conversation)
            }
        }

        // When the dispatcher delivers them under the fake's Telegram-like flood limits
        let started = ContinuousClock.now
        let dispatcher = Task { try await outbound.dispatcher.run() }
        try await eventually(timeout: .seconds(60), "500 messages sent") {
            await harness.telegram.sentMessages(bot: TelegramHarness.token).count == 500
        }
        let elapsed = started.duration(to: .now)
        dispatcher.cancel()
        _ = await dispatcher.result

        // Then no 429, each chat got its replies in order, and the rate is within 90 % of the allowed one
        #expect(await harness.telegram.tooManyRequestsCount(bot: TelegramHarness.token) == 0)
        for (index, chat) in chats.enumerated() {
            let texts = await harness.telegram.sentMessages(bot: TelegramHarness.token, chatId: chat).compactMap(\.text)
            #expect(texts == (0..<10).map { "Maria\nreply \($0) to chat \(index)" })
        }
        let limits = FakeTelegram.RateLimits.telegram
        let global = try #require(limits.global)
        let perChat = try #require(limits.privateChat)
        let theoreticalMinimum = max(
            Double(500 - global.burst) / global.perSecond,
            Double(10 - perChat.burst) / perChat.perSecond
        )
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let measured = 500 / seconds
        let allowed = 500 / theoreticalMinimum
        print(
            String(
                format:
                    "telegram outbound burst: 500 messages / 50 chats in %.2f s = %.1f msg/s; allowed %.1f msg/s (minimum %.2f s); %.1f %% of allowed",
                seconds,
                measured,
                allowed,
                theoreticalMinimum,
                100 * measured / allowed
            )
        )
        #expect(seconds <= theoreticalMinimum / 0.9)
    }
}
