public import Foundation

extension AppConfig {
    /// Seconds an HTTP connection may sit without a byte either way before the server closes it.
    public static let defaultIdleTimeout: TimeInterval = 75
    /// The allowed `SWITCHBOARD_IDLE_TIMEOUT`: a second (tests) to an hour.
    static let idleTimeoutRange: ClosedRange<Int> = 1...3600

    /// How often the server pings an open WebSocket: well inside the idle timeout, so a proxy with
    /// the same timeout never sees the socket idle, and at most every 30 seconds, so a dead peer is
    /// noticed (the ping goes unanswered) within a minute.
    public var webSocketPingPeriod: TimeInterval {
        max(1, min(30, idleTimeout / 2))
    }

    /// Reads `SWITCHBOARD_IDLE_TIMEOUT`.
    static func loadIdleTimeout(_ value: (String) -> String?, problems: inout [String]) -> TimeInterval {
        guard let raw = value("SWITCHBOARD_IDLE_TIMEOUT") else { return defaultIdleTimeout }
        guard let seconds = Int(raw), idleTimeoutRange.contains(seconds) else {
            problems.append("SWITCHBOARD_IDLE_TIMEOUT: '\(raw)' is not a number of seconds between 1 and 3600")
            return defaultIdleTimeout
        }
        return TimeInterval(seconds)
    }
}
