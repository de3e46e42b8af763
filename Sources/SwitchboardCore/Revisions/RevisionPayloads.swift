public import Foundation

/// The revision a `message.edited` or `message.deleted` event reports.
public struct RevisionNote: Sendable, Codable, Equatable {
    public var kind: RevisionKind
    /// The text before an edit; nil for a deletion.
    public var previousText: String?
    /// The client (an edit in the messenger) or the operator who revised a reply.
    public var by: MessageAuthor
    public var at: Date
    /// How far an operator's revision got to the messenger; nil for a client's edit (it happened there).
    public var state: RevisionState?

    /// Creates a note.
    public init(kind: RevisionKind, previousText: String?, by: MessageAuthor, at: Date, state: RevisionState?) {
        self.kind = kind
        self.previousText = previousText
        self.by = by
        self.at = at
        self.state = state
    }
}

/// Payload of `message.edited` and `message.deleted`: the whole message as it is now (the same shape
/// as `message.created`, so a reader that replaces the message keeps working) plus `revision`.
public struct MessageRevisionPayload: Sendable, Codable, Equatable {
    public var message: Message
    public var revision: RevisionNote

    private enum CodingKeys: String, CodingKey {
        case revision
    }

    /// Creates a payload.
    public init(message: Message, revision: RevisionNote) {
        self.message = message
        self.revision = revision
    }

    public init(from decoder: any Decoder) throws {
        message = try Message(from: decoder)
        revision = try decoder.container(keyedBy: CodingKeys.self).decode(RevisionNote.self, forKey: .revision)
    }

    public func encode(to encoder: any Encoder) throws {
        try message.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(revision, forKey: .revision)
    }
}

/// Payload of `message.revision_delivery`: an operator's edit or deletion reached the messenger, waits
/// to be retried, or failed for good with the reason.
public struct RevisionDeliveryPayload: Sendable, Codable, Equatable {
    public var messageID: MessageID
    public var conversationID: ConversationID
    public var revisionID: Int64
    public var kind: RevisionKind
    public var state: RevisionState
    public var reason: String?
    /// When a waiting revision is tried again.
    public var nextAttemptAt: Date?

    /// Creates a payload.
    public init(
        messageID: MessageID,
        conversationID: ConversationID,
        revisionID: Int64,
        kind: RevisionKind,
        state: RevisionState,
        reason: String? = nil,
        nextAttemptAt: Date? = nil
    ) {
        self.messageID = messageID
        self.conversationID = conversationID
        self.revisionID = revisionID
        self.kind = kind
        self.state = state
        self.reason = reason
        self.nextAttemptAt = nextAttemptAt
    }
}

/// The latest operator revision of a message, as the timeline shows it.
public struct RevisionStatus: Sendable, Codable, Equatable {
    public var kind: RevisionKind
    public var state: RevisionState
    /// Why it failed, or why it waits for a retry.
    public var reason: String?

    /// Creates a status.
    public init(kind: RevisionKind, state: RevisionState, reason: String? = nil) {
        self.kind = kind
        self.state = state
        self.reason = reason
    }
}
