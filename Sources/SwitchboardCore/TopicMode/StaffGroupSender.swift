/// The Telegram calls topic mode makes in a channel's staff group, as the engine sees them.
public protocol StaffGroupSender: Sendable {
    /// Creates a topic; returns its `message_thread_id`.
    func createTopic(chatID: Int64, name: String) async throws -> Int64
    /// Sends one part into a topic, or into General when `threadID` is nil.
    func send(_ part: TopicPart, chatID: Int64, threadID: Int64?) async throws
    /// Closes a topic; one already closed counts as closed.
    func closeTopic(chatID: Int64, threadID: Int64) async throws
    /// Reopens a topic; one already open counts as open.
    func reopenTopic(chatID: Int64, threadID: Int64) async throws
}

/// A staff-group call failed because Telegram no longer has the topic (deleted by a member).
public struct StaffTopicGone: Error, Sendable, Equatable {
    /// Creates the error.
    public init() {}
}

/// The staff groups of the running channels in topic mode.
public protocol StaffGroupRegistry: Sendable {
    /// The staff group of a running channel and how to write to it; nil when the channel is not
    /// running or not in topic mode.
    func staffGroup(for channelID: ChannelID) async -> (chatID: Int64, sender: any StaffGroupSender)?
    /// The channels in topic mode as stored, running or not (their events are queued either way).
    func topicChannels() async throws -> Set<ChannelID>
}
