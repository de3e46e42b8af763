/// The person who wrote a message in a group chat. The group is the client (its identity owns the
/// conversation); the member is kept on each message so operators see who said what.
public struct GroupMember: Sendable, Codable, Equatable {
    /// The messenger's id of the person (Telegram user id, the same id as their private chat with the bot).
    public var externalID: String
    public var displayName: String
    public var username: String?

    /// Creates a member.
    public init(externalID: String, displayName: String, username: String? = nil) {
        self.externalID = externalID
        self.displayName = displayName
        self.username = username
    }
}

/// What an adapter reads off a group message: who wrote it and whether it names the bot.
/// Whether the bot then answers is `GroupAddressRule`'s decision, not the adapter's.
public struct GroupMessageFacts: Sendable, Equatable {
    public var member: GroupMember?
    /// The text mentions the bot (`@botname`, or a mention entity of the bot's user).
    public var mentionsBot: Bool
    /// The message replies to one of the bot's messages.
    public var repliesToBot: Bool
    /// The message is a command for this bot (`/help`, or `/help@botname`).
    public var isCommand: Bool

    /// Creates the facts.
    public init(member: GroupMember?, mentionsBot: Bool = false, repliesToBot: Bool = false, isCommand: Bool = false) {
        self.member = member
        self.mentionsBot = mentionsBot
        self.repliesToBot = repliesToBot
        self.isCommand = isCommand
    }
}
