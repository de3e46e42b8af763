public import Foundation

/// A channel as lists show it.
public struct ChannelRef: Sendable, Codable, Equatable {
    public var id: ChannelID
    public var kind: ChannelKind
    public var name: String

    /// Creates a reference.
    public init(id: ChannelID, kind: ChannelKind, name: String) {
        self.id = id
        self.kind = kind
        self.name = name
    }
}

/// A contact as lists show it.
public struct ContactRef: Sendable, Codable, Equatable {
    public var id: ContactID
    public var displayName: String
    public var preferredName: String?

    /// Creates a reference.
    public init(id: ContactID, displayName: String, preferredName: String?) {
        self.id = id
        self.displayName = displayName
        self.preferredName = preferredName
    }
}

/// An operator as lists show them.
public struct OperatorRef: Sendable, Codable, Equatable {
    public var id: OperatorID
    public var displayName: String

    /// Creates a reference.
    public init(id: OperatorID, displayName: String) {
        self.id = id
        self.displayName = displayName
    }
}

/// The last message of a conversation, for the list preview.
public struct MessagePreview: Sendable, Codable, Equatable {
    public var id: MessageID
    public var direction: MessageDirection
    public var text: String
    public var createdAt: Date

    /// Creates a preview.
    public init(id: MessageID, direction: MessageDirection, text: String, createdAt: Date) {
        self.id = id
        self.direction = direction
        self.text = text
        self.createdAt = createdAt
    }
}

/// One row of the inbox's conversation list.
public struct ConversationSummary: Sendable, Codable, Equatable {
    public var id: ConversationID
    public var status: ConversationStatus
    public var contact: ContactRef
    public var channel: ChannelRef
    public var assignee: OperatorRef?
    public var departmentID: DepartmentID?
    public var contextKey: String?
    public var openedAt: Date
    public var lastMessageAt: Date
    /// The client wrote last: the conversation waits for an operator (the unread badge).
    public var awaitingReply: Bool
    public var lastMessage: MessagePreview?
    /// Client messages tagged positive and negative.
    public var sentiment: SentimentCounts
    /// The client asked for a human while the conversation waited.
    public var escalated: Bool

    /// Creates a summary.
    public init(
        id: ConversationID,
        status: ConversationStatus,
        contact: ContactRef,
        channel: ChannelRef,
        assignee: OperatorRef?,
        departmentID: DepartmentID?,
        contextKey: String?,
        openedAt: Date,
        lastMessageAt: Date,
        awaitingReply: Bool,
        lastMessage: MessagePreview?,
        sentiment: SentimentCounts = SentimentCounts(),
        escalated: Bool = false
    ) {
        self.id = id
        self.status = status
        self.contact = contact
        self.channel = channel
        self.assignee = assignee
        self.departmentID = departmentID
        self.contextKey = contextKey
        self.openedAt = openedAt
        self.lastMessageAt = lastMessageAt
        self.awaitingReply = awaitingReply
        self.lastMessage = lastMessage
        self.sentiment = sentiment
        self.escalated = escalated
    }
}

/// A message of a client's timeline, with who wrote it and through which messenger.
public struct TimelineEntry: Sendable, Equatable {
    public var message: Message
    public var authorName: String?
    public var channel: ChannelRef
    /// The latest edit or deletion an operator made, and how far it got to the messenger.
    public var revision: RevisionStatus?

    /// Creates an entry.
    public init(message: Message, authorName: String?, channel: ChannelRef, revision: RevisionStatus? = nil) {
        self.message = message
        self.authorName = authorName
        self.channel = channel
        self.revision = revision
    }
}

/// A reusable answer; `ownerID` nil means shared with everyone.
public struct CannedReply: Sendable, Codable, Equatable {
    public var id: Int64
    public var shortcut: String
    public var title: String
    public var body: String
    public var ownerID: OperatorID?

    /// Creates a canned reply.
    public init(id: Int64, shortcut: String, title: String, body: String, ownerID: OperatorID?) {
        self.id = id
        self.shortcut = shortcut
        self.title = title
        self.body = body
        self.ownerID = ownerID
    }

    /// Whether every operator sees it.
    public var isShared: Bool { ownerID == nil }
}

/// Conversation counts of one queue.
public struct QueueCount: Sendable, Codable, Equatable {
    public var total: Int
    public var awaitingReply: Int

    /// Creates a count.
    public init(total: Int, awaitingReply: Int) {
        self.total = total
        self.awaitingReply = awaitingReply
    }
}

extension CannedReply {
    /// Refuses a shortcut an operator could not type after `/`, and a reply with no body.
    /// - Throws: `StoreError.invalid` naming the rule.
    public static func validate(shortcut: String, body: String) throws(StoreError) {
        guard !shortcut.isEmpty, shortcut.count <= 32, !shortcut.contains(where: \.isWhitespace) else {
            throw .invalid("a shortcut is 1 to 32 characters without spaces")
        }
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .invalid("a canned reply needs a body") }
    }
}
