import Testing

@testable import TelegramChannel

@Suite struct RateScheduleTests {
    func schedule() -> SendSchedule {
        SendSchedule(perBot: .init(burst: 4, perSecond: 10), perChat: .init(burst: 2, perSecond: 1), perGroup: .init(burst: 1, perSecond: 1.0 / 3))
    }

    @Test func chatBurstThenOnePerSecond() {
        var schedule = schedule()
        let slots = (0..<5).map { _ in schedule.reserveChat(1, now: 100) }
        #expect(slots == [100, 100, 101, 102, 103])
    }

    @Test func botBurstThenItsSustainedRate() {
        var schedule = schedule()
        let slots = (0..<6).map { _ in schedule.reserveBot(now: 0) }
        #expect(slots.prefix(4) == [0, 0, 0, 0])
        #expect(abs(slots[4] - 0.1) < 1e-9)
        #expect(abs(slots[5] - 0.2) < 1e-9)
    }

    @Test func groupsUseTheirOwnSlowerBucket() {
        var schedule = schedule()
        #expect(schedule.reserveChat(-100_123, now: 0) == 0)
        #expect(abs(schedule.reserveChat(-100_123, now: 0) - 3) < 1e-9)
        #expect(schedule.reserveChat(5, now: 0) == 0, "private chats are not slowed by a group")
    }

    @Test func idleTimeRefillsTheBucket() {
        var schedule = schedule()
        _ = (0..<4).map { _ in schedule.reserveChat(1, now: 0) }
        #expect(schedule.reserveChat(1, now: 60) == 60)
        #expect(schedule.reserveChat(1, now: 60) == 60)
    }

    @Test func pauseHoldsOnlyThatChatUntilRetryAfterPasses() {
        var schedule = schedule()
        schedule.pause(chatID: 1, until: 5)
        #expect(schedule.reserveChat(1, now: 0) == 5)
        #expect(schedule.reserveChat(2, now: 0) == 0, "other chats are not held")
        #expect(schedule.reserveBot(now: 0) == 0, "the paused chat has not taken the bot's slots")
    }

    @Test func pruningForgetsFullBuckets() {
        var schedule = schedule()
        _ = schedule.reserveChat(1, now: 0)
        _ = schedule.reserveChat(2, now: 10)
        schedule.prune(now: 5)
        #expect(schedule.trackedChats == 1)
    }
}
