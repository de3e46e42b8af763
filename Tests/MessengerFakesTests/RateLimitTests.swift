import Foundation
import MessengerFakes
import Synchronization
import Testing

@testable import MessengerFakes

/// A wall clock the test moves by hand.
final class StepClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))

    /// The current time.
    var now: Date { current.withLock { $0 } }

    /// Moves the clock forward.
    func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }
}

@Suite("Flood control")
struct RateLimitTests {
    @Test func privateChatBucketAllowsABurstThenOnePerSecond() {
        var limiter = RateLimiter(limits: .telegram)
        let start = 1_000.0
        #expect((0..<3).map { _ in limiter.admit(chatId: 1, now: start) } == [nil, nil, nil])
        #expect(limiter.admit(chatId: 1, now: start) == 1)
        #expect(limiter.admit(chatId: 2, now: start) == nil)
        #expect(limiter.admit(chatId: 1, now: start + 1) == nil)
    }

    @Test func groupBucketAllows20PerMinute() {
        var limiter = RateLimiter(limits: .telegram)
        let group: Int64 = -1_001_234_567_890
        for _ in 0..<20 { #expect(limiter.admit(chatId: group, now: 0) == nil) }
        #expect(limiter.admit(chatId: group, now: 0) == 3)
        #expect(limiter.admit(chatId: group, now: 3) == nil)
    }

    @Test func globalBucketCapsAllChats() {
        var limiter = RateLimiter(limits: .init(privateChat: nil, group: nil, global: .init(burst: 30, perSecond: 30)))
        for chat in 0..<30 { #expect(limiter.admit(chatId: Int64(chat), now: 0) == nil) }
        #expect(limiter.admit(chatId: 99, now: 0) == 1)
        #expect(limiter.admit(chatId: 99, now: 0.05) == nil)
    }

    @Test func exceedingThePerChatLimitGives429OverHTTP() async throws {
        let clock = StepClock()
        var configuration = FakeTelegram.Configuration()
        configuration.now = { clock.now }
        try await withFakeTelegram(configuration) { telegram, bot in
            var statuses: [Int] = []
            for index in 0..<4 { statuses.append(try await bot.call("sendMessage", ["chat_id": ann.id, "text": "m\(index)"]).status) }
            #expect(statuses == [200, 200, 200, 429])
            let limited = try await bot.call("sendMessage", ["chat_id": ann.id, "text": "again"])
            #expect(limited.retryAfter == 1)
            #expect(limited.retryAfterHeader == "1")
            #expect(limited.description == "Too Many Requests: retry after 1")
            clock.advance(1)
            #expect(try await bot.call("sendMessage", ["chat_id": ann.id, "text": "after waiting"]).status == 200)
            #expect(await telegram.tooManyRequestsCount(bot: bot.token) == 2)
        }
    }

    @Test func aClientThatRespectsTheLimitSeesNo429() async throws {
        let clock = StepClock()
        var configuration = FakeTelegram.Configuration()
        configuration.now = { clock.now }
        try await withFakeTelegram(configuration) { telegram, bot in
            for index in 0..<10 {
                let answer = try await bot.call("sendMessage", ["chat_id": ann.id, "text": "m\(index)"])
                #expect(answer.status == 200)
                clock.advance(1)
            }
            #expect(await telegram.tooManyRequestsCount(bot: bot.token) == 0)
        }
    }
}
