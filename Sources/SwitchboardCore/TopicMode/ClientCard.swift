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

    /// What the store knows of the client, as it was read.
    public struct Facts: Sendable, Equatable {
        /// One identity of the client: the messenger, its channel and what the messenger told us.
        public struct Identity: Sendable, Equatable {
            public var kind: String
            public var channel: String
            public var account: IdentityHandle.Account
            public var language: String?

            /// Creates the facts of one identity.
            public init(kind: String, channel: String, account: IdentityHandle.Account, language: String?) {
                self.kind = kind
                self.channel = channel
                self.account = account
                self.language = language
            }
        }

        public var name: String
        public var preferredName: String?
        /// The language set on the contact, if any.
        public var language: String?
        /// In the order the client first wrote through them.
        public var identities: [Identity]
        public var contextKey: String?
        public var contextData: String?

        /// Creates the facts.
        public init(
            name: String,
            preferredName: String?,
            language: String?,
            identities: [Identity],
            contextKey: String?,
            contextData: String?
        ) {
            self.name = name
            self.preferredName = preferredName
            self.language = language
            self.identities = identities
            self.contextKey = contextKey
            self.contextData = contextData
        }
    }

    /// The card the facts make: the contact's language, or else the first one a messenger reported;
    /// each messenger with its preferred handle; the context as its key and data.
    public init(_ facts: Facts) {
        self.init(
            name: facts.name,
            preferredName: facts.preferredName,
            language: facts.language ?? facts.identities.lazy.compactMap(\.language).first,
            messengers: facts.identities.map { identity in
                Messenger(kind: identity.kind, channel: identity.channel, handle: IdentityHandle.preferred(identity.account))
            },
            context: facts.contextKey.map { key in [key, facts.contextData].compactMap { $0 }.joined(separator: " ") }
        )
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
