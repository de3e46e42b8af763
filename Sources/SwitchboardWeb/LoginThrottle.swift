public import Foundation

/// Limits sign-in attempts per login: after `maxFailures` failures within `window`, further attempts
/// are refused until the oldest failure leaves the window.
public actor LoginThrottle {
    let maxFailures: Int
    let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    /// Creates a throttle.
    public init(maxFailures: Int = 5, window: TimeInterval = 15 * 60) {
        self.maxFailures = maxFailures
        self.window = window
    }

    /// Seconds to wait before the next attempt for this login, or nil when an attempt is allowed.
    func retryAfter(login: String, now: Date = Date()) -> TimeInterval? {
        let key = login.lowercased()
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
        failures[key] = recent.isEmpty ? nil : recent
        guard recent.count >= maxFailures, let oldest = recent.first else { return nil }
        return window - now.timeIntervalSince(oldest)
    }

    func recordFailure(login: String, now: Date = Date()) {
        failures[login.lowercased(), default: []].append(now)
    }

    func recordSuccess(login: String) {
        failures[login.lowercased()] = nil
    }
}
