public import Foundation

extension AppConfig {
    /// Reads `SWITCHBOARD_PRESENCE_TIMEOUT`: seconds without a session before an operator goes offline.
    static func loadPresenceTimeout(_ value: (String) -> String?, problems: inout [String]) -> TimeInterval {
        guard let raw = value("SWITCHBOARD_PRESENCE_TIMEOUT") else { return defaultPresenceTimeout }
        guard let seconds = Int(raw), (60...86_400).contains(seconds) else {
            problems.append("SWITCHBOARD_PRESENCE_TIMEOUT: '\(raw)' is not a number of seconds between 60 and 86400")
            return defaultPresenceTimeout
        }
        return TimeInterval(seconds)
    }

    /// Fifteen minutes: long enough for a coffee, short enough that nobody is routed to an empty desk.
    public static let defaultPresenceTimeout: TimeInterval = 900
}
