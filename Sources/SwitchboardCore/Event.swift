public import Foundation

/// What a committed change was about.
public enum EventKind: String, Sendable, Codable, CaseIterable {
    case contactCreated = "contact.created"
    case identityUpdated = "identity.updated"
    case conversationOpened = "conversation.opened"
    case conversationStatusChanged = "conversation.status_changed"
    case conversationContextSet = "conversation.context_set"
    case conversationAssigned = "conversation.assigned"
    case contactUpdated = "contact.updated"
    case messageCreated = "message.created"
    /// A message's text changed: the client edited it, or an operator edited a reply (payload:
    /// `MessageRevisionPayload`, the message as now plus the previous text).
    case messageEdited = "message.edited"
    /// An operator deleted a reply (payload: `MessageRevisionPayload`).
    case messageDeleted = "message.deleted"
    /// An operator's edit or deletion reached the messenger, waits for a retry, or failed (payload:
    /// `RevisionDeliveryPayload`).
    case messageRevisionDelivery = "message.revision_delivery"
    case messageDelivery = "message.delivery"
    /// A file a client sent was fetched after its message was stored, or given up on (payload:
    /// the whole `Message`, its attachments as they are now).
    case messageAttachmentsUpdated = "message.attachments_updated"
    /// A client asked for a human; the conversation jumped its queue. Automation reacts to it.
    case conversationEscalated = "conversation.escalated"
    /// An operator went online, away or offline.
    case operatorPresenceChanged = "operator.presence_changed"
    /// A conversation moved to another department (transfer or the client's choice).
    case conversationDepartmentChanged = "conversation.department_changed"
    case contactMerged = "contact.merged"
    case contactUnmerged = "contact.unmerged"
    case labelsChanged = "labels.changed"
    /// A client pressed an automation button (payload: `ButtonPressPayload`).
    case buttonPressed = "button.pressed"
    /// The in-messenger feedback of a conversation moved on (payload: `ConversationFeedback`).
    case conversationFeedback = "conversation.feedback"
    /// An operator's sessions were revoked (deactivation, password change; payload: `{"operatorID"}`):
    /// their open inbox streams whose session is gone close.
    case operatorSessionsRevoked = "operator.sessions_revoked"
    /// Flood control muted a client's identity (payload: `FloodMutePayload`); automation tells the client once.
    case identityMuted = "identity.muted"
}

/// An entry of the event log. `seq` increases monotonically; readers resume with "after seq N".
public struct Event: Sendable, Codable, Equatable {
    public var seq: Int64
    public var kind: EventKind
    public var occurredAt: Date
    public var contactID: ContactID?
    public var conversationID: ConversationID?
    public var messageID: MessageID?
    /// A JSON object with what the inbox needs to show the change without another request.
    public var payload: String

    /// Creates an event value.
    public init(
        seq: Int64,
        kind: EventKind,
        occurredAt: Date,
        contactID: ContactID? = nil,
        conversationID: ConversationID? = nil,
        messageID: MessageID? = nil,
        payload: String = "{}"
    ) {
        self.seq = seq
        self.kind = kind
        self.occurredAt = occurredAt
        self.contactID = contactID
        self.conversationID = conversationID
        self.messageID = messageID
        self.payload = payload
    }
}

/// Fans committed events out to subscribers.
///
/// Every implementation keeps one promise to a subscriber: it sees each committed event with a
/// `seq` greater than its starting point exactly once, in `seq` order, first the backlog read from
/// the event log and then live ones, with no gap and no duplicate where the two meet.
public protocol EventBus: Sendable {
    /// Hands committed events to subscribers. Call only after the transaction that produced them committed.
    func publish(_ events: [Event]) async
    /// Subscribes to committed events.
    /// - Parameter seq: deliver every event with a greater `seq` (the backlog from the log first);
    ///   nil means "from now on". A `seq` beyond the latest committed one is clamped to it.
    /// - Throws: when the event log cannot be read.
    func subscribe(after seq: Int64?) async throws -> EventSubscription
}
