public import Foundation

/// What a label may be: the same rule for contacts and conversations, checked before any write.
public enum LabelRule {
    public static let maxLabels = 20
    /// Counted in Unicode scalars, as the database's `length()` counts them.
    public static let maxScalars = 40

    /// The trimmed, de-duplicated, sorted labels; nil when any breaks the rule (too many, empty, too
    /// long, or holding a control character such as a newline or NUL).
    public static func normalized(_ raw: [String]) -> [String]? {
        let labels = Array(Set(raw.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })).sorted()
        guard labels.count <= maxLabels else { return nil }
        for label in labels {
            guard (1...maxScalars).contains(label.unicodeScalars.count),
                !label.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else { return nil }
        }
        return labels
    }
}
