/// The first message of a conversation's topic: who the client is, so an operator answering from
/// Telegram knows as much as one looking at the web inbox.
public struct ClientCard: Sendable, Equatable {
    /// One way the client reaches the desk.
    public struct Messenger: Sendable, Equatable {
        /// `telegram` or `viber`.
        public var kind: String
        /// The channel's name.
        public var channel: String
        /// `@username` or the messenger's profile name, when known.
        public var handle: String?

        /// Creates a line of the card.
        public init(kind: String, channel: String, handle: String?) {
            self.kind = kind
            self.channel = channel
            self.handle = handle
        }
    }

    public var name: String
    public var preferredName: String?
    public var language: String?
    public var messengers: [Messenger]
    /// The deep-link context pinned to the conversation (its key and data), when there is one.
    public var context: String?

    /// Creates a card.
    public init(name: String, preferredName: String? = nil, language: String?, messengers: [Messenger], context: String?) {
        self.name = name
        self.preferredName = preferredName
        self.language = language
        self.messengers = messengers
        self.context = context
    }

    /// The card as plain text (sent without parse mode, so client-chosen names need no escaping).
    public var text: String {
        var lines = ["Client: \(name)"]
        if let preferredName, !preferredName.isEmpty, preferredName != name { lines.append("Address as: \(preferredName)") }
        lines.append("Language: \(language?.isEmpty == false ? language! : "unknown")")
        let reach = messengers.map { line in [line.kind, line.channel, line.handle].compactMap { $0 }.joined(separator: " · ") }
        lines.append("Messengers: " + (reach.isEmpty ? "none" : reach.joined(separator: "; ")))
        lines.append("Context: \(context?.isEmpty == false ? context! : "none")")
        lines.append("")
        lines.append("Reply here to answer the client. Start with ! (or /note) for a private note. /take, /resolve, /transfer NAME.")
        return String(lines.joined(separator: "\n").prefix(4096))
    }
}
