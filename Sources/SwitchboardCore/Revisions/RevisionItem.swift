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
