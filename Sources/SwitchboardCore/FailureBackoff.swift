public import Foundation

/// How long a background loop waits after its rounds fail: a growing interval (1 s doubling to
/// 60 s by default) that starts over after a round succeeds.
///
/// A loop whose writes fail while its reads work (a full disk, a read-only database file) would
/// otherwise find the same due work at once and spin on it, burning CPU and flooding the log.
public struct FailureBackoff: Sendable, Equatable {
    /// Wait after the first failure in a row.
    public var initialDelay: TimeInterval
    /// Longest wait, however many failures in a row.
    public var maxDelay: TimeInterval
    /// Failures since the last success.
    public private(set) var consecutiveFailures = 0

    /// Creates a schedule with no failures yet.
    public init(initialDelay: TimeInterval = 1, maxDelay: TimeInterval = 60) {
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
    }

    /// Records a failed round; returns how long to wait before the next one.
    public mutating func failed() -> TimeInterval {
        consecutiveFailures += 1
        var delay = initialDelay
        for _ in 1..<consecutiveFailures where delay < maxDelay {
            delay *= 2
        }
        return min(delay, maxDelay)
    }

    /// Records a successful round: the next failure waits `initialDelay` again.
    public mutating func succeeded() {
        consecutiveFailures = 0
    }
}
