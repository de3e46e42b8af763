/// What removing a channel did: its conversations stay, with their history, in the inbox; replies
/// still waiting to go out through it fail with a reason the operator sees.
public struct ChannelRemoval: Sendable, Equatable, Codable {
    public var name: String
    /// Conversations of the channel, kept readable (and searchable) in the inbox.
    public var conversationsKept: Int
    /// Queued replies that can no longer be sent and were marked failed.
    public var repliesFailed: Int

    /// Creates a value.
    public init(name: String, conversationsKept: Int, repliesFailed: Int) {
        self.name = name
        self.conversationsKept = conversationsKept
        self.repliesFailed = repliesFailed
    }
}
