/// The messengers Switchboard can bridge.
public enum ChannelKind: String, Sendable, Codable, CaseIterable {
    case telegram
    case viber
}

/// How a channel receives updates from its messenger.
public enum ChannelMode: String, Sendable, Codable, CaseIterable {
    /// Switchboard asks the messenger for updates (Telegram `getUpdates`).
    case poll
    /// The messenger pushes updates to Switchboard's public URL.
    case webhook
}

/// The face the bot shows before an operator takes over (Viber sender name and avatar).
public struct Persona: Sendable, Codable, Equatable {
    /// Display name, for example the company's name.
    public var name: String
    /// Public URL of the avatar image, if any.
    public var avatarURL: String?

    /// Creates a persona.
    public init(name: String, avatarURL: String? = nil) {
        self.name = name
        self.avatarURL = avatarURL
    }
}

/// A connected messenger bot. The token is never part of this value: it stays encrypted in the store.
public struct Channel: Sendable, Codable, Equatable, Identifiable {
    public var id: ChannelID
    public var kind: ChannelKind
    /// Unique, human-chosen name used in URLs and manifests, for example `support-tg`.
    public var name: String
    public var mode: ChannelMode
    public var persona: Persona
    public var defaultDepartmentID: DepartmentID?
    /// A paused channel neither receives nor sends.
    public var isPaused: Bool
    /// Why the channel cannot work (the messenger rejected its token), shown to admins; nil when healthy.
    public var problem: String?

    /// Creates a channel value.
    public init(
        id: ChannelID,
        kind: ChannelKind,
        name: String,
        mode: ChannelMode,
        persona: Persona,
        defaultDepartmentID: DepartmentID? = nil,
        isPaused: Bool = false,
        problem: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.mode = mode
        self.persona = persona
        self.defaultDepartmentID = defaultDepartmentID
        self.isPaused = isPaused
        self.problem = problem
    }
}

/// What is needed to create a channel.
public struct ChannelDraft: Sendable, Equatable {
    public var kind: ChannelKind
    public var name: String
    public var mode: ChannelMode
    public var persona: Persona
    public var defaultDepartmentID: DepartmentID?

    /// Creates a draft.
    public init(kind: ChannelKind, name: String, mode: ChannelMode, persona: Persona, defaultDepartmentID: DepartmentID? = nil) {
        self.kind = kind
        self.name = name
        self.mode = mode
        self.persona = persona
        self.defaultDepartmentID = defaultDepartmentID
    }
}
