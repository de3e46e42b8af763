public import Foundation

/// A per-minute request budget: a fixed one-minute window that starts with the first request.
public struct RateWindow: Sendable, Equatable {
    public var start: Date
    public var count: Int

    /// Creates a window.
    public init(start: Date, count: Int) {
        self.start = start
        self.count = count
    }

    /// What to do with one more request.
    public enum Decision: Sendable, Equatable {
        case allowed
        /// Refused; the client should wait this many whole seconds (at least 1).
        case refused(retryAfter: Int)
    }

    /// Counts a request against `window` (nil when there was none yet) with `limit` requests per minute.
    /// - Returns: the window to keep and whether the request may go on.
    public static func decide(_ window: RateWindow?, limit: Int, now: Date) -> (RateWindow, Decision) {
        guard let window, now.timeIntervalSince(window.start) < 60, now >= window.start else {
            return (RateWindow(start: now, count: 1), limit >= 1 ? .allowed : .refused(retryAfter: 60))
        }
        guard window.count < limit else {
            let wait = 60 - now.timeIntervalSince(window.start)
            return (window, .refused(retryAfter: max(1, Int(wait.rounded(.up)))))
        }
        return (RateWindow(start: window.start, count: window.count + 1), .allowed)
    }

    /// Whether the window is over at `now`, so keeping it is no longer needed.
    public func isOver(at now: Date) -> Bool { now.timeIntervalSince(start) >= 60 }
}
