import Foundation
import Logging
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

@Suite struct WakeLoopTests {
    /// A loop whose rounds report the clock's time and ask to run again `interval` later.
    struct Running {
        let clock: ManualWallClock
        let loop: WakeLoop
        let rounds: AsyncStream<Date>
        let task: Task<Void, Never>

        init(interval: TimeInterval) {
            let clock = ManualWallClock()
            let loop = WakeLoop(clock: clock)
            let (rounds, continuation) = AsyncStream<Date>.makeStream()
            self.clock = clock
            self.loop = loop
            self.rounds = rounds
            task = Task {
                await loop.run(name: "test round", logger: Logger(label: "test")) {
                    continuation.yield(clock.now())
                    await Task.yield()
                    return clock.now().addingTimeInterval(interval)
                }
                continuation.finish()
            }
        }
    }

    @Test func roundRunsAgainAtItsDueTimeOnTheInjectedClock() async throws {
        // Given a loop whose rounds are due every 10 seconds
        let running = Running(interval: 10)
        var rounds = running.rounds.makeAsyncIterator()
        let start = try #require(await rounds.next())
        try await eventually("the loop sleeps") { running.clock.sleeperCount == 1 }

        // When time passes halfway, then the rest of the way
        running.clock.advance(by: 5)
        #expect(running.clock.sleeperCount == 1)
        running.clock.advance(by: 5)

        // Then the next round runs at the due time, not before
        #expect(await rounds.next() == start.addingTimeInterval(10))
        running.task.cancel()
    }

    @Test func wakeRunsTheNextRoundBeforeItIsDue() async throws {
        // Given a loop sleeping for an hour
        let running = Running(interval: 3600)
        var rounds = running.rounds.makeAsyncIterator()
        let start = try #require(await rounds.next())
        try await eventually("the loop sleeps") { running.clock.sleeperCount == 1 }

        // When it is woken
        running.loop.wake()

        // Then the next round runs at once, with the clock unmoved
        #expect(await rounds.next() == start)
        running.task.cancel()
    }

    @Test func roundDueNowRunsAgainWithoutSleeping() async throws {
        let running = Running(interval: 0)
        var rounds = running.rounds.makeAsyncIterator()
        for _ in 0..<3 { _ = await rounds.next() }
        #expect(running.clock.sleeperCount == 0)
        running.task.cancel()
    }

    @Test func cancellationStopsTheLoop() async throws {
        // Given a sleeping loop
        let running = Running(interval: 3600)
        var rounds = running.rounds.makeAsyncIterator()
        _ = await rounds.next()
        try await eventually("the loop sleeps") { running.clock.sleeperCount == 1 }

        // When its task is cancelled
        running.task.cancel()
        await running.task.value

        // Then it returned without another round, and sleeps no more
        #expect(await rounds.next() == nil)
        #expect(running.clock.sleeperCount == 0)
    }
}
