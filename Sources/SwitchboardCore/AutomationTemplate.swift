import Foundation

/// Fills `{placeholder}`s of an automatic message and checks texts admins write.
public enum AutomationTemplate {
    /// Replaces each known `{name}` with its value; a placeholder without a value becomes empty text
    /// and the spaces or punctuation it leaves are tidied (", !" becomes "!").
    public static func render(_ text: String, values: [String: String]) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            if AutomationText.placeholders.contains(name) {
                result += values[name] ?? ""
            } else {
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return tidy(result)
    }

    /// The placeholders in `text` that Switchboard does not know, in order of appearance.
    public static func unknownPlaceholders(in text: String) -> [String] {
        var unknown: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            if !AutomationText.placeholders.contains(name) { unknown.append(name) }
            rest = rest[rest.index(after: close)...]
        }
        return unknown
    }

    private static func tidy(_ text: String) -> String {
        var text = text
        for (from, to) in [(", !", "!"), (" ,", ","), ("  ", " "), (" !", "!"), (" .", ".")] {
            while text.contains(from) { text = text.replacingOccurrences(of: from, with: to) }
        }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
