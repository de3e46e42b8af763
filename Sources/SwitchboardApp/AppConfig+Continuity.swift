import Foundation

extension AppConfig {
    /// Deep-link and identity-linking settings, validated.
    struct ContinuitySettings {
        var contextTTL: TimeInterval = 86_400
        var autoLinkByPhone = false
    }

    /// Reads `SWITCHBOARD_CONTEXT_TTL` and `SWITCHBOARD_AUTO_LINK_BY_PHONE`.
    static func loadContinuitySettings(_ value: (String) -> String?, problems: inout [String]) -> ContinuitySettings {
        var settings = ContinuitySettings()
        if let raw = value("SWITCHBOARD_CONTEXT_TTL") {
            // From a minute (a link on a page the client is looking at) to 90 days (an e-mail campaign).
            if let seconds = Int(raw), (60...90 * 86_400).contains(seconds) {
                settings.contextTTL = TimeInterval(seconds)
            } else {
                problems.append("SWITCHBOARD_CONTEXT_TTL: '\(raw)' is not a number of seconds between 60 and 7776000")
            }
        }
        if let raw = value("SWITCHBOARD_AUTO_LINK_BY_PHONE") {
            switch raw.lowercased() {
            case "true", "1", "yes", "on": settings.autoLinkByPhone = true
            case "false", "0", "no", "off": settings.autoLinkByPhone = false
            default: problems.append("SWITCHBOARD_AUTO_LINK_BY_PHONE: '\(raw)' is not true or false")
            }
        }
        return settings
    }
}
