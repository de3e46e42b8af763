import SwitchboardCore

extension JSONValue {
    /// The text a form or multipart field carries: strings as is, everything else as JSON.
    var formText: String {
        switch self {
        case .string(let value): value
        case .int(let value): String(value)
        case .bool(let value): value ? "true" : "false"
        default: jsonText
        }
    }
}
