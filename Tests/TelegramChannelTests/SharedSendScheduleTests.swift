import Synchronization
import Testing

@testable import TelegramChannel

/// Two instances' schedules on one shared bucket store draw on one budget: the bot's burst and
/// each chat's burst are the cluster's, not each instance's.
@Suite struct SharedSendScheduleTests {
    /// Buckets in memory with a clock the test sets: what the PostgreSQL table does, minus the rows' locks.
    final class SharedSlots: SharedSendSlots {
        let state = Mutex<(arrivals: [Int64: Double], now: Double)>(([:], 1000))

        func decide<Result: Sendable>(
            buckets: [Int64],
            _ decide: @escaping @Sendable ([Int64: Double], Double) -> (arrivals: [Int64: Double], result: Result)
        ) async throws -> Result {
            state.withLock { state in
                let decided = decide(state.arrivals.filter { buckets.contains($0.key) }, state.now)
                state.arrivals.merge(decided.arrivals) { _, new in new }
                return decided.result
            }
        }
    }

    static let rules = SendSchedule(
        perBot: .init(burst: 4, perSecond: 10),
        perChat: .init(burst: 2, perSecond: 1),
        perGroup: .init(burst: 1, perSecond: 1)
    )

    @Test func twoInstancesShareTheBotsBurst() async throws {
        let slots = SharedSlots()
        let a = SharedSendSchedule(rules: Self.rules, slots: slots)
        let b = SharedSendSchedule(rules: Self.rules, slots: slots)
        var waits: [Double] = []
        for _ in 0..<3 {
            waits.append(try await a.reserveBot())
            waits.append(try await b.reserveBot())
        }
        // Four sends at once between them, then one every 0.1 s; each alone would have allowed four.
        #expect(waits.prefix(4).allSatisfy { abs($0) < 1e-9 })
        #expect(abs(waits[4] - 0.1) < 1e-9)
        #expect(abs(waits[5] - 0.2) < 1e-9)
    }

    @Test func twoInstancesShareAChatsBurstAndItsPause() async throws {
        let slots = SharedSlots()
        let a = SharedSendSchedule(rules: Self.rules, slots: slots)
        let b = SharedSendSchedule(rules: Self.rules, slots: slots)
        #expect(try await a.reserveChat(7) == 0)
        #expect(try await b.reserveChat(7) == 0)
        #expect(try await a.reserveChat(7) == 1)
        #expect(try await b.reserveChat(8) == 0, "another chat has its own bucket")
        // Telegram told A to hold chat 9 back for 5 s: B holds back too.
        try await a.pause(9, seconds: 5)
        #expect(try await b.reserveChat(9) >= 5)
    }

    @Test func aHintTakesASlotOnlyWhenTheSharedBucketsAreFree() async throws {
        let slots = SharedSlots()
        let a = SharedSendSchedule(rules: Self.rules, slots: slots)
        let b = SharedSendSchedule(rules: Self.rules, slots: slots)
        #expect(try await a.reserveIfFree(7))
        #expect(try await b.reserveIfFree(7))
        #expect(try await a.reserveIfFree(7) == false, "the chat's burst of two is used up between them")
        slots.state.withLock { $0.now += 1 }
        #expect(try await b.reserveIfFree(7))
    }
}
