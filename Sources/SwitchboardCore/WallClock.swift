public import Foundation

/// The time source injected wherever time matters (retries, leases, timers), so tests can drive it.
public protocol WallClock: Sendable {
    /// The current time.
    func now() -> Date
    /// Suspends until `deadline`.
    /// - Throws: `CancellationError` when the task is cancelled first.
    func sleep(until deadline: Date) async throws
}
