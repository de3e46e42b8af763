public import Foundation
public import SwitchboardCore

/// Per-key request budgets (`RateWindow`), kept in memory: a restart forgets them, which only lets a
/// key start a fresh minute.
public actor APIKeyRateLimiter {
    private var windows: [Int64: RateWindow] = [:]
    /// Windows kept before finished ones are dropped; keys are few, so this only bounds a pathological case.
    let capacity: Int

    /// Creates a limiter.
    public init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// Counts one request of `key`.
    /// - Returns: nil when it may go on, else the seconds to wait.
    public func retryAfter(for key: APIKey, now: Date) -> Int? {
        guard let limit = key.ratePerMinute else { return nil }
        if windows[key.id] == nil, windows.count >= capacity { forgetFinished(at: now) }
        let (window, decision) = RateWindow.decide(windows[key.id], limit: limit, now: now)
        // Still full after dropping finished windows: every one is live, so the memory bound wins and
        // this key starts counting next time.
        if windows[key.id] != nil || windows.count < capacity { windows[key.id] = window }
        switch decision {
        case .allowed: return nil
        case .refused(let retryAfter): return retryAfter
        }
    }

    /// How many windows are held (for tests of the bound).
    public var count: Int { windows.count }

    private func forgetFinished(at now: Date) {
        windows = windows.filter { !$0.value.isOver(at: now) }
    }
}
