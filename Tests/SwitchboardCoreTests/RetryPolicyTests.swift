import SwitchboardCore
import Testing

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(baseDelay: 1, maxDelay: 60, maxAttempts: 5)

    @Test func transientFailuresBackOffExponentiallyWithinJitterBounds() {
        for (attempt, backoff) in [(1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0)] {
            #expect(policy.decide(attempt: attempt, failure: .transient(reason: "x"), jitter: 0) == .retry(afterSeconds: backoff / 2))
            #expect(policy.decide(attempt: attempt, failure: .transient(reason: "x"), jitter: 1) == .retry(afterSeconds: backoff))
        }
    }

    @Test func backoffIsCapped() {
        let long = RetryPolicy(baseDelay: 1, maxDelay: 60, maxAttempts: 100)
        #expect(long.decide(attempt: 40, failure: .transient(reason: "x"), jitter: 1) == .retry(afterSeconds: 60))
    }

    @Test func retryAfterIsHonouredExactly() {
        #expect(policy.decide(attempt: 1, failure: .retryAfter(seconds: 7, reason: "429"), jitter: 0.9) == .retry(afterSeconds: 7))
        #expect(policy.decide(attempt: 6, failure: .retryAfter(seconds: 3, reason: "429"), jitter: 0) == .retry(afterSeconds: 3))
    }

    @Test func givesUpAfterMaxAttemptsAndOnPermanentFailures() {
        #expect(policy.decide(attempt: 5, failure: .transient(reason: "boom"), jitter: 0) == .giveUp(reason: "gave up after 5 attempts: boom"))
        #expect(
            policy.decide(attempt: 1, failure: .permanent(reason: "blocked", recipientUnreachable: true), jitter: 0)
                == .giveUp(reason: "blocked")
        )
    }
}
