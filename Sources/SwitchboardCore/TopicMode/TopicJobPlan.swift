/// A conversation's topic in the staff group.
public struct StaffTopic: Sendable, Equatable {
    public var conversationID: ConversationID
    public var channelID: ChannelID
    /// The staff supergroup.
    public var chatID: Int64
    /// `message_thread_id`.
    public var threadID: Int64
    /// The client's card went out (it is the topic's first message).
    public var cardSent: Bool

    /// Creates a value.
    public init(conversationID: ConversationID, channelID: ChannelID, chatID: Int64, threadID: Int64, cardSent: Bool) {
        self.conversationID = conversationID
        self.channelID = channelID
        self.chatID = chatID
        self.threadID = threadID
        self.cardSent = cardSent
    }
}

/// Who a conversation's topic is about: its name's parts and the card.
public struct TopicSubject: Sendable, Equatable {
    public var clientName: String
    public var channelName: String
    public var card: ClientCard

    /// Creates a value.
    public init(clientName: String, channelName: String, card: ClientCard) {
        self.clientName = clientName
        self.channelName = channelName
        self.card = card
    }
}

/// A claimed topic job with everything sending it needs.
public struct TopicJob: Sendable, Equatable {
    public var id: Int64
    public var channelID: ChannelID
    public var conversationID: ConversationID?
    /// The job's own thread, for a notice outside any conversation's topic.
    public var threadID: Int64?
    public var kind: TopicJobKind
    /// Telegram calls of this job that already succeeded (a mirrored message is several).
    public var partsDone: Int
    public var attempts: Int
    /// The conversation's topic, when it has one.
    public var topic: StaffTopic?
    /// For a conversation job: what its topic is named and its card says.
    public var subject: TopicSubject?
    /// For a mirror: the message, and its operator's display name.
    public var message: Message?
    public var authorName: String?

    /// Creates a value.
    public init(
        id: Int64,
        channelID: ChannelID,
        conversationID: ConversationID?,
        threadID: Int64? = nil,
        kind: TopicJobKind,
        partsDone: Int = 0,
        attempts: Int = 0,
        topic: StaffTopic? = nil,
        subject: TopicSubject? = nil,
        message: Message? = nil,
        authorName: String? = nil
    ) {
        self.id = id
        self.channelID = channelID
        self.conversationID = conversationID
        self.threadID = threadID
        self.kind = kind
        self.partsDone = partsDone
        self.attempts = attempts
        self.topic = topic
        self.subject = subject
        self.message = message
        self.authorName = authorName
    }
}

/// One Telegram call a topic job makes.
public enum TopicStep: Sendable, Equatable {
    /// `createForumTopic` with this name; its thread id is stored before anything is sent into it.
    case createTopic(name: String)
    /// The client's card, the topic's first message.
    case sendCard(String)
    /// One part of the job's content into the topic (or the job's own thread).
    case send(TopicPart)
    case close
    case reopen
}

/// Decides the Telegram calls of a topic job from the topic's state: a conversation's first job makes
/// the topic and its card; a close or reopen of a conversation that never had a topic does nothing.
public enum TopicJobPlan {
    /// The steps still to do, in order; the job is done once they all succeeded.
    /// - Parameter staffChatID: the channel's staff group now; a topic in an older group is not reused.
    public static func steps(_ job: TopicJob, staffChatID: Int64) -> [TopicStep] {
        let topic = job.topic.flatMap { $0.chatID == staffChatID ? $0 : nil }
        let content: [TopicStep] =
            switch job.kind {
            case .mirror:
                job.message.map { TopicMirror.parts(of: $0, authorName: job.authorName).dropFirst(job.partsDone).map(TopicStep.send) } ?? []
            case .notice(let text): job.partsDone == 0 ? [.send(.text(text))] : []
            case .close: topic == nil || job.partsDone > 0 ? [] : [.close]
            case .reopen: topic == nil || job.partsDone > 0 ? [] : [.reopen]
            }
        guard job.conversationID != nil, content.contains(where: { if case .send = $0 { true } else { false } }) else { return content }
        var opening: [TopicStep] = []
        if topic == nil, let subject = job.subject {
            opening.append(.createTopic(name: TopicName.make(client: subject.clientName, channel: subject.channelName)))
        }
        if topic?.cardSent != true, let subject = job.subject { opening.append(.sendCard(subject.card.text)) }
        return opening + content
    }
}
