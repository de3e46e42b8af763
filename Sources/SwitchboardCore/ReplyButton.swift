/// A button offered under an automatic message; pressing it sends its `action` back to us.
///
/// Telegram shows it as an inline keyboard button (`callback_data`), Viber as a keyboard button
/// (`ActionType: reply`, `ActionBody`). Both carry the same wire text, ``wireData``, which
/// starts with ``wirePrefix`` so a Viber keyboard reply (which arrives as ordinary text) can be
/// told apart from what the client typed.
public struct ReplyButton: Sendable, Codable, Equatable {
    /// Marks our button data on the wire.
    public static let wirePrefix = "sb:"
    /// Telegram's limit on `callback_data`, in UTF-8 bytes.
    public static let wireLimit = 64

    /// What the client reads on the button.
    public var label: String
    /// What the automation receives when the button is pressed, e.g. `fb:score:4`.
    public var action: String

    /// Creates a button.
    public init(label: String, action: String) {
        self.label = label
        self.action = action
    }

    /// The text sent to the messenger as the button's callback data.
    public var wireData: String { Self.wirePrefix + action }

    /// The action of a pressed button, or nil when `wireData` is not ours (a client's own text).
    public static func action(fromWire wireData: String) -> String? {
        guard wireData.hasPrefix(wirePrefix), wireData.utf8.count <= wireLimit else { return nil }
        let action = String(wireData.dropFirst(wirePrefix.count))
        return action.isEmpty ? nil : action
    }
}
