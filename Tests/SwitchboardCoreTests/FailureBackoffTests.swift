import SwitchboardCore
import Testing

@Suite struct FailureBackoffTests {
    @Test func delayDoublesFromOneSecondUpToAMinute() {
        var backoff = FailureBackoff()
        let delays = (0..<9).map { _ in backoff.failed() }
        #expect(delays == [1, 2, 4, 8, 16, 32, 60, 60, 60])
        #expect(backoff.consecutiveFailures == 9)
    }

    @Test func successStartsTheScheduleOver() {
        var backoff = FailureBackoff()
        _ = backoff.failed()
        _ = backoff.failed()
        _ = backoff.failed()
        backoff.succeeded()
        #expect(backoff.failed() == 1)
    }

    @Test func manyFailuresInARowStayAtTheCap() {
        var backoff = FailureBackoff(initialDelay: 0.5, maxDelay: 10)
        for _ in 0..<10_000 { _ = backoff.failed() }
        #expect(backoff.failed() == 10)
    }
}
