public import Foundation

/// What a revision does to a sent message.
public enum RevisionKind: String, Sendable, Codable, CaseIterable {
    /// The text (or a lone file's caption) changes.
    case edit
    /// The message disappears from the client's chat.
    case delete
}

/// How far an operator's edit or deletion got on its way to the messenger.
public enum RevisionState: String, Sendable, Codable, CaseIterable {
    /// Stored; the dispatcher has not carried it to the messenger yet.
    case queued
    /// The messenger applied it.
    case sent
    /// The messenger refused it for good; the reason is shown to the operator.
    case failed
}

/// What an operator asks to change in one of the desk's sent replies.
public struct RevisionRequest: Sendable, Equatable {
    /// The new content, or the deletion.
    public enum Change: Sendable, Equatable {
        case edit(text: String)
        case delete

        /// The kind of revision the change makes.
        public var kind: RevisionKind {
            switch self {
            case .edit: .edit
            case .delete: .delete
            }
        }
    }

    public var messageID: MessageID
    /// The conversation the caller named; a message of another conversation is not found.
    public var conversationID: ConversationID
    /// Who asks: decides whether they may.
    public var viewer: Viewer
    public var change: Change

    /// Creates a request.
    public init(messageID: MessageID, conversationID: ConversationID, viewer: Viewer, change: Change) {
        self.messageID = messageID
        self.conversationID = conversationID
        self.viewer = viewer
        self.change = change
    }
}

/// One earlier text of a message, kept when it was edited (by the client or by an operator).
public struct MessageEdit: Sendable, Codable, Equatable {
    /// The text the message had before this edit.
    public var previousText: String
    public var editedAt: Date
    /// Who edited it: the client, or the operator who revised a reply.
    public var editor: MessageAuthor

    /// Creates an edit record.
    public init(previousText: String, editedAt: Date, editor: MessageAuthor) {
        self.previousText = previousText
        self.editedAt = editedAt
        self.editor = editor
    }
}

/// An operator's edit or deletion claimed by the revision dispatcher, with what the adapter needs.
public struct RevisionItem: Sendable, Equatable {
    public var revisionID: Int64
    public var kind: RevisionKind
    public var messageID: MessageID
    public var conversationID: ConversationID
    public var channelID: ChannelID
    /// The messenger's ids of the message's parts, in sending order (what `DeliveryReceipt` recorded).
    public var externalIDs: [String]
    /// For an edit: the whole new message (text, the file it captions, the signing persona); the adapter
    /// renders it as it rendered the original. For a deletion: the message as it was.
    public var message: OutboundMessage
    /// Attempts made before this one.
    public var attempts: Int

    /// Creates an item.
    public init(
        revisionID: Int64,
        kind: RevisionKind,
        messageID: MessageID,
        conversationID: ConversationID,
        channelID: ChannelID,
        externalIDs: [String],
        message: OutboundMessage,
        attempts: Int
    ) {
        self.revisionID = revisionID
        self.kind = kind
        self.messageID = messageID
        self.conversationID = conversationID
        self.channelID = channelID
        self.externalIDs = externalIDs
        self.message = message
        self.attempts = attempts
    }
}

/// What happened to one attempt to carry a revision to the messenger.
public enum RevisionReport: Sendable, Equatable {
    case applied(revisionID: Int64)
    case retry(revisionID: Int64, at: Date, reason: String)
    case failed(revisionID: Int64, reason: String)

    /// The revision the report is about.
    public var revisionID: Int64 {
        switch self {
        case .applied(let id), .retry(let id, _, _), .failed(let id, _): id
        }
    }
}
