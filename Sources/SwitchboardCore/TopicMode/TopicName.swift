import Foundation

/// The name of a conversation's topic in the staff group: the client, then the channel, so operators
/// find a client by name and see which bot they wrote to.
public enum TopicName {
    /// Telegram's longest topic name, in characters.
    public static let maxLength = 128

    /// `Ann Lee · support-tg`, cut to 128 characters with the channel kept; "Client" when the name is blank.
    public static func make(client: String, channel: String) -> String {
        let name = client.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        let suffix = " · " + channel
        let room = maxLength - suffix.count
        guard room >= 8 else { return String((name.isEmpty ? "Client" : name).prefix(maxLength)) }
        let shown = name.isEmpty ? "Client" : name.count > room ? String(name.prefix(room - 1)) + "…" : name
        return shown + suffix
    }
}
