public import SwitchboardCore

extension AppConfig {
    /// Reads `SWITCHBOARD_FLOOD_MESSAGES`, `SWITCHBOARD_FLOOD_WINDOW` and `SWITCHBOARD_FLOOD_MUTE`: how many
    /// messages an identity may send in how many seconds before it is muted, and for how many seconds.
    static func loadFloodLimits(_ value: (String) -> String?, problems: inout [String]) -> FloodLimits {
        var limits = FloodLimits.standard
        func read(_ key: String, _ range: ClosedRange<Int>, _ unit: String) -> Int? {
            guard let raw = value(key) else { return nil }
            guard let number = Int(raw), range.contains(number) else {
                problems.append("\(key): '\(raw)' is not a number of \(unit) between \(range.lowerBound) and \(range.upperBound)")
                return nil
            }
            return number
        }
        if let messages = read("SWITCHBOARD_FLOOD_MESSAGES", 1...10_000, "messages") { limits.messages = messages }
        if let window = read("SWITCHBOARD_FLOOD_WINDOW", 1...86_400, "seconds") { limits.window = Double(window) }
        if let mute = read("SWITCHBOARD_FLOOD_MUTE", 1...86_400, "seconds") { limits.mute = Double(mute) }
        return limits
    }
}
