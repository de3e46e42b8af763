public import Foundation

/// An operator's reply as typed, before it is stored.
public struct ReplyDraft: Sendable, Equatable {
    public var conversationID: ConversationID
    public var operatorID: OperatorID
    public var text: String
    public var attachments: [Attachment]

    /// Creates a draft.
    public init(conversationID: ConversationID, operatorID: OperatorID, text: String, attachments: [Attachment] = []) {
        self.conversationID = conversationID
        self.operatorID = operatorID
        self.text = text
        self.attachments = attachments
    }
}

/// A stored reply and the events its transaction appended.
public struct EnqueuedReply: Sendable, Equatable {
    public var message: Message
    public var events: [Event]

    /// Creates a value.
    public init(message: Message, events: [Event]) {
        self.message = message
        self.events = events
    }
}

/// An outbox row claimed by a dispatcher, with everything needed to send it.
public struct OutboxItem: Sendable, Equatable {
    public var message: OutboundMessage
    public var conversationID: ConversationID
    /// Send attempts made before this one.
    public var attempts: Int
    /// The parts earlier attempts got accepted; this attempt sends only the rest.
    public var progress: DeliveryProgress

    /// Creates an item.
    public init(message: OutboundMessage, conversationID: ConversationID, attempts: Int, progress: DeliveryProgress = .none) {
        self.message = message
        self.conversationID = conversationID
        self.attempts = attempts
        self.progress = progress
    }
}

/// What happened to one send attempt.
public enum DeliveryReport: Sendable, Equatable {
    /// The messenger accepted it: the outbox row is removed for good.
    case sent(MessageID, externalMessageID: String?)
    /// Try again at the given time; the reason is shown while it waits. `progress` names the parts
    /// the messenger accepted so far, which the next attempt skips.
    case retry(MessageID, at: Date, reason: String, progress: DeliveryProgress = .none)
    /// Terminal: the reason is shown to the operator; `recipientUnreachable` marks the identity.
    case failed(MessageID, reason: String, recipientUnreachable: Bool)

    /// The message the report is about.
    public var messageID: MessageID {
        switch self {
        case .sent(let id, _), .retry(let id, _, _, _), .failed(let id, _, _): id
        }
    }
}

extension ReplyDraft {
    /// Refuses a reply with nothing to send.
    /// - Throws: `StoreError.invalid` for a reply with neither text nor an attachment.
    public func validate() throws(StoreError) {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || !attachments.isEmpty else {
            throw .invalid("a reply needs text or an attachment")
        }
    }
}

/// An operator's internal note, seen by operators only.
public enum InternalNote {
    /// - Throws: `StoreError.invalid` for a note with no text.
    public static func validate(_ text: String) throws(StoreError) {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .invalid("a note needs text") }
    }
}
