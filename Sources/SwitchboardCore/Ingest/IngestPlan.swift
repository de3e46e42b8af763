public import Foundation

/// What one inbound event changes, decided by `IngestDecision` and applied by a store in one transaction.
public struct IngestPlan: Sendable, Equatable {
    /// The event was ingested before (the same message under a new delivery key): change nothing.
    public var isDuplicate: Bool
    public var contactID: ContactID
    public var identityID: IdentityID
    public var conversationID: ConversationID?
    public var messageID: MessageID?
    /// The row changes, in the order they are applied.
    public var changes: [IngestChange]
    /// The events to append, in order, in the same transaction.
    public var events: [EventDraft]

    /// A plan that changes nothing because the message is already stored.
    static func duplicate(contact: ContactID, identity: IdentityID) -> IngestPlan {
        IngestPlan(isDuplicate: true, contactID: contact, identityID: identity, changes: [], events: [])
    }

    init(
        isDuplicate: Bool = false,
        contactID: ContactID,
        identityID: IdentityID,
        conversationID: ConversationID? = nil,
        messageID: MessageID? = nil,
        changes: [IngestChange] = [],
        events: [EventDraft] = []
    ) {
        self.isDuplicate = isDuplicate
        self.contactID = contactID
        self.identityID = identityID
        self.conversationID = conversationID
        self.messageID = messageID
        self.changes = changes
        self.events = events
    }
}

/// One row change of an ingest. Each case is a plain write: the rule that chose it is in Core.
public enum IngestChange: Sendable, Equatable {
    // The sender.
    case createContact(Contact, at: Date)
    case createIdentity(Identity, at: Date)
    /// Store the messenger's latest profile fields of the identity.
    case updateIdentityProfile(Identity)
    case setContactPhone(ContactID, phone: String)
    /// The client shared their own number (digits only).
    case setVerifiedPhone(IdentityID, phone: String)
    case setReachable(IdentityID, Bool)
    /// The identity's chat has a new id (a group became a supergroup).
    case moveIdentity(IdentityID, externalID: String)
    /// Keep (or, with nil, forget) the deep-link key that waits for the identity's first message.
    case setPendingContext(IdentityID, key: String?)
    /// The identity becomes the owner of an unclaimed deep-link context.
    case claimContext(key: String, by: IdentityID, at: Date)
    /// Flood control's count of the identity as it now is.
    case setFlood(IdentityID, FloodState)
    /// The client answered "how should we address you?".
    case setPreferredName(ContactID, name: String)

    // The conversation.
    case openConversation(Conversation, contextStatus: ContextStatus?)
    /// A status change the state machine allowed; leaving `resolved` clears the resolution time.
    case setStatus(ConversationID, ConversationStatus)
    /// The client reopened an automatically closed conversation: forget that close.
    case forgetAutoClose(ConversationID)
    case setContext(ConversationID, key: String, status: ContextStatus?)
    /// A client message arrived: the client now waits for an answer.
    case clientWrote(ConversationID, at: Date, sentiment: Sentiment?)
    /// The holder is not there: nobody holds it now, and stickiness remembers them.
    case release(ConversationID, previousHolder: OperatorID)
    case enterQueue(ConversationID, at: Date)
    case awaitDepartmentChoice(ConversationID)
    /// The client asked for a human: it jumps its queue and stops waiting for a department choice.
    case escalate(ConversationID, at: Date)
    /// The client chose a department: it waits in that queue from now on.
    case chooseDepartment(ConversationID, DepartmentID, at: Date)
    case saveFeedback(ConversationFeedback)

    // Messages.
    case insertClientMessage(Message, channel: ChannelID)
    /// The message is the first item of a messenger album: later items find it by `key`.
    case startAlbum(MessageID, channel: ChannelID, key: String)
    /// Another item of an album joined its message: the message's text and attachments as they now are.
    case extendAlbum(MessageID, text: String, attachments: [Attachment])
    case editMessage(MessageID, previousText: String, text: String, at: Date)
    case setDelivery(MessageID, DeliveryState, reason: String?)
    /// A delivery report for a message whose "sent" is not recorded yet; recording "sent" applies it.
    case keepEarlyReceipt(ChannelID, externalID: String, DeliveryState, reason: String?, at: Date)
}
