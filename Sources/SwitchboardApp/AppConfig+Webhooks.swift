extension AppConfig {
    /// Reads `SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE`: off unless set to a true value.
    static func loadWebhooksAllowPrivate(_ value: (String) -> String?, problems: inout [String]) -> Bool {
        guard let raw = value("SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE") else { return false }
        switch raw.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default:
            problems.append("SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE: '\(raw)' is not true or false")
            return false
        }
    }
}
