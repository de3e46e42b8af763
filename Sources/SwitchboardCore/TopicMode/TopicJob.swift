public import Foundation

/// What one queued topic job does in the staff group.
public enum TopicJobKind: Sendable, Equatable {
    /// Copies a stored message of the conversation into its topic (text, then each file by reference).
    case mirror(MessageID)
    /// Closes the topic (the conversation was resolved).
    case close
    /// Reopens the topic (the conversation was reopened).
    case reopen
    /// Says something to the operators in the topic (a refusal, a command's answer).
    case notice(String)
}

/// A topic job to queue. `source` names what caused it (an event part or a staff update), so the same
/// cause queued twice — a fan-out run again, an update redelivered — is stored once.
public struct TopicJobDraft: Sendable, Equatable {
    public var channelID: ChannelID
    /// The conversation whose topic the job writes to; nil for the staff group's General topic.
    public var conversationID: ConversationID?
    /// Where the job writes when it has no conversation (the thread the command came from); nil is General.
    public var threadID: Int64?
    public var kind: TopicJobKind
    /// Unique cause, e.g. `event:812` or `update:3:100000007`.
    public var source: String
    public var queuedAt: Date

    /// Creates a draft.
    public init(channelID: ChannelID, conversationID: ConversationID?, threadID: Int64? = nil, kind: TopicJobKind, source: String, queuedAt: Date) {
        self.channelID = channelID
        self.conversationID = conversationID
        self.threadID = threadID
        self.kind = kind
        self.source = source
        self.queuedAt = queuedAt
    }
}
