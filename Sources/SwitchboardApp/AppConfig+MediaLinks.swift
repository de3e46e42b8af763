public import Foundation
import SwitchboardCore

extension AppConfig {
    /// How long a file's public link answers by default: ``MediaLinkSigner/defaultLifetime``.
    public static let defaultMediaLinkLifetime: TimeInterval = MediaLinkSigner.defaultLifetime
    /// The allowed `SWITCHBOARD_MEDIA_LINK_TTL`: a minute (Viber fetches at once) to a week.
    static let mediaLinkLifetimeRange: ClosedRange<Int> = 60...604_800

    /// Reads `SWITCHBOARD_MEDIA_LINK_TTL`.
    static func loadMediaLinkLifetime(_ value: (String) -> String?, problems: inout [String]) -> TimeInterval {
        guard let raw = value("SWITCHBOARD_MEDIA_LINK_TTL") else { return defaultMediaLinkLifetime }
        guard let seconds = Int(raw), mediaLinkLifetimeRange.contains(seconds) else {
            problems.append("SWITCHBOARD_MEDIA_LINK_TTL: '\(raw)' is not a number of seconds between 60 and 604800")
            return defaultMediaLinkLifetime
        }
        return TimeInterval(seconds)
    }
}
