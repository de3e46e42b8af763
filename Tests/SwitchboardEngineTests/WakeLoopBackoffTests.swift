import Foundation
import Logging
import SwitchboardCore
import SwitchboardEngine
import Synchronization
import TestSupport
import Testing

@Suite struct WakeLoopBackoffTests {
    struct Failure: Error {}

    /// What the rounds of a ``Running`` loop share with the test.
    final class Rounds: Sendable {
        private let count = Mutex(0)
        private let failing = Mutex(true)

        var ran: Int { count.withLock { $0 } }
        func fail(_ value: Bool) { failing.withLock { $0 = value } }
        func run() throws {
            count.withLock { $0 += 1 }
            if failing.withLock({ $0 }) { throw Failure() }
        }
    }

    /// A loop whose rounds fail while told to, counting the rounds it ran.
    struct Running {
        let clock = ManualWallClock()
        let logs = LogCapture()
        let loop: WakeLoop
        let rounds = Rounds()
        let task: Task<Void, Never>

        init() {
            let clock = self.clock
            let loop = WakeLoop(clock: clock)
            let rounds = self.rounds
            let logger = logs.logger()
            self.loop = loop
            task = Task {
                await loop.run(name: "test round", logger: logger) {
                    try rounds.run()
                    return clock.now().addingTimeInterval(3600)
                }
            }
        }

        /// The wait each backoff line announced, in seconds.
        var backoffDelays: [Double] {
            logs.text.split(separator: "\n").filter { $0.contains("backing off") }.compactMap { line in
                line.firstMatch(of: /"retryIn": ([0-9.]+)s/).flatMap { Double($0.1) }
            }
        }
    }

    @Test func failingRoundsBackOffOnAGrowingScheduleWithOneLogLineEach() async throws {
        // Given a loop whose every round fails
        let running = Running()
        defer { running.task.cancel() }

        // When a simulated minute passes
        try await advance(running.clock, seconds: 60)

        // Then it ran at 0, 1, 3, 7, 15 and 31 s, and logged each backoff once
        #expect(running.rounds.ran == 6)
        #expect(running.backoffDelays == [1, 2, 4, 8, 16, 32])
    }

    @Test func wakeDoesNotCutABackoffShort() async throws {
        // Given a loop backing off after a failed round
        let running = Running()
        defer { running.task.cancel() }
        try await eventually("the loop backs off") { running.clock.sleeperCount == 1 }

        // When it is woken many times during the backoff
        for _ in 0..<20 {
            running.loop.wake()
            await Task.yield()
        }
        try await eventually("the loop backs off") { running.clock.sleeperCount == 1 }

        // Then no further round ran before the backoff ended
        #expect(running.rounds.ran == 1)
        running.clock.advance(by: 1)
        try await eventually("the next round") { running.rounds.ran == 2 }
    }

    @Test func successStartsTheBackoffOver() async throws {
        // Given a loop that failed three times in a row (waiting 1, 2, then 4 s)
        let running = Running()
        defer { running.task.cancel() }
        try await advance(running.clock, seconds: 3)
        #expect(running.rounds.ran == 3)

        // When a round succeeds, and a later one fails again
        running.rounds.fail(false)
        try await advance(running.clock, seconds: 4)
        #expect(running.rounds.ran == 4)
        running.rounds.fail(true)
        running.loop.wake()
        try await eventually("the failed round") { running.rounds.ran == 5 }

        // Then that failure waits one second again, not eight
        try await eventually("the loop backs off") { running.clock.sleeperCount == 1 }
        #expect(running.backoffDelays == [1, 2, 4, 1])
    }
}

/// Moves `clock` forward one second at a time, each time once the loop is asleep on it.
func advance(_ clock: ManualWallClock, seconds: Int) async throws {
    for _ in 0..<seconds {
        try await eventually("the loop sleeps on the clock") { clock.sleeperCount == 1 }
        clock.advance(by: 1)
    }
    try await eventually("the loop sleeps on the clock") { clock.sleeperCount == 1 }
}
