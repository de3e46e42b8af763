/// A member's message in a channel's staff group, as the adapter maps a Telegram update.
public struct StaffUpdate: Sendable, Equatable {
    public var channelID: ChannelID
    /// `update_id`: a redelivered update has the same one.
    public var updateID: Int64
    public var chatID: Int64
    /// The topic (`message_thread_id`); nil in General.
    public var threadID: Int64?
    /// The message's id in the staff group.
    public var messageID: Int64
    /// The member's Telegram user id.
    public var senderID: Int64
    public var senderName: String
    /// The text or caption; empty for a message without either.
    public var text: String
    /// The bot's @username, for commands addressed to it (`/take@desk_bot`).
    public var botUsername: String?

    /// Creates an update.
    public init(
        channelID: ChannelID,
        updateID: Int64,
        chatID: Int64,
        threadID: Int64?,
        messageID: Int64,
        senderID: Int64,
        senderName: String,
        text: String,
        botUsername: String? = nil
    ) {
        self.channelID = channelID
        self.updateID = updateID
        self.chatID = chatID
        self.threadID = threadID
        self.messageID = messageID
        self.senderID = senderID
        self.senderName = senderName
        self.text = text
        self.botUsername = botUsername
    }
}

/// Where the Telegram adapter hands staff-group messages; like `InboundSink`, the update is
/// acknowledged only after this returns.
public protocol StaffSink: Sendable {
    /// Commits what the message does. A redelivered update changes nothing.
    /// - Throws: when it could not be committed; the adapter must not acknowledge then.
    func ingestStaff(_ update: StaffUpdate) async throws
}
