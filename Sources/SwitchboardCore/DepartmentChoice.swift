/// The button data of the "which team can help you?" keyboard: `dept:<id>`.
public enum DepartmentChoice {
    static let prefix = "dept:"

    /// The action of the button for a department.
    public static func action(for department: DepartmentID) -> String {
        prefix + String(department.rawValue)
    }

    /// The department a pressed button names, or nil for any other button.
    public static func department(in action: String) -> DepartmentID? {
        guard action.hasPrefix(prefix), let raw = Int64(action.dropFirst(prefix.count)), raw > 0 else { return nil }
        return DepartmentID(raw)
    }
}

extension DepartmentChoice {
    /// How many teams the keyboard offers, in name order: a short keyboard a client reads at a glance.
    public static let keyboardSize = 8
}
