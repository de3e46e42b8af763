/// Exponential backoff with jitter for outbound delivery, honouring a messenger's "retry after".
public struct RetryPolicy: Sendable, Equatable {
    /// What to do after a failed attempt.
    public enum Decision: Equatable, Sendable {
        case retry(afterSeconds: Double)
        case giveUp(reason: String)
    }

    /// Delay after the first failure.
    public var baseDelay: Double
    /// Upper bound of any computed delay (a messenger's own hint is not capped).
    public var maxDelay: Double
    /// Attempts in total before a transient failure becomes terminal.
    public var maxAttempts: Int

    /// Creates a policy.
    public init(baseDelay: Double = 1, maxDelay: Double = 300, maxAttempts: Int = 10) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxAttempts = maxAttempts
    }

    /// Decides after attempt number `attempt` (1-based) failed.
    /// - Parameters:
    ///   - attempt: how many attempts have been made, including the failed one.
    ///   - failure: why it failed.
    ///   - jitter: a random number in 0..<1; the delay lands in [½, 1] of the backoff so that
    ///     many failed replies do not retry in lockstep.
    public func decide(attempt: Int, failure: DeliveryFailure, jitter: Double) -> Decision {
        switch failure {
        case .permanent(let reason, _):
            return .giveUp(reason: reason)
        case .retryAfter(let seconds, let reason):
            // The messenger's wait is a promise of when it will accept again; attempts do not run out on it.
            return attempt >= maxAttempts * 3 ? .giveUp(reason: reason) : .retry(afterSeconds: max(0, seconds))
        case .recipientMoved(_, let reason):
            // The dispatcher moved the identity first: the retry goes to the new chat at once.
            return attempt >= maxAttempts ? .giveUp(reason: reason) : .retry(afterSeconds: 0)
        case .transient(let reason):
            guard attempt < maxAttempts else { return .giveUp(reason: "gave up after \(attempt) attempts: \(reason)") }
            let exponent = Double(max(0, attempt - 1))
            let backoff = min(maxDelay, baseDelay * pow2(exponent))
            let clampedJitter = min(max(jitter, 0), 1)
            return .retry(afterSeconds: backoff * (0.5 + clampedJitter / 2))
        }
    }

    private func pow2(_ exponent: Double) -> Double {
        var result = 1.0
        var remaining = Int(exponent)
        while remaining > 0 && result < 1e9 {
            result *= 2
            remaining -= 1
        }
        return result
    }
}
