public import Foundation

/// Which way a message travels.
public enum MessageDirection: String, Sendable, Codable, CaseIterable {
    /// From the client.
    case inbound = "in"
    /// To the client.
    case outbound = "out"
    /// A private note between operators; never sent.
    case internalNote = "note"
}

/// Who wrote a message. Encoded as `{"kind": "operator", "operatorId": 3}` for API and event consumers.
public enum MessageAuthor: Sendable, Codable, Equatable {
    case client
    case `operator`(OperatorID)
    case bot
    case system

    private enum CodingKeys: String, CodingKey {
        case kind
        case operatorId
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "operator": self = .operator(try container.decode(OperatorID.self, forKey: .operatorId))
        case "bot": self = .bot
        case "system": self = .system
        default: self = .client
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        if case .operator(let id) = self {
            try container.encode(id, forKey: .operatorId)
        }
    }

    /// The stored kind, without the operator id.
    public var kind: String {
        switch self {
        case .client: "client"
        case .operator: "operator"
        case .bot: "bot"
        case .system: "system"
        }
    }
}

/// A stored message of a conversation.
public struct Message: Sendable, Codable, Equatable, Identifiable {
    public var id: MessageID
    public var conversationID: ConversationID
    public var direction: MessageDirection
    public var author: MessageAuthor
    public var text: String
    public var attachments: [Attachment]
    /// The messenger's id of the message, when it has one (inbound, or outbound once sent).
    public var externalID: String?
    /// Delivery of outbound messages; nil for inbound messages and notes.
    public var deliveryState: DeliveryState?
    /// Why delivery failed, shown to the operator.
    public var failureReason: String?
    public var createdAt: Date
    public var editedAt: Date?
    /// When an operator deleted the reply from the client's chat; the desk keeps its text.
    public var deletedAt: Date?
    /// How a client message sounds (`Sentiment.classify`); nil for neutral and for other messages.
    public var sentiment: Sentiment?
    /// Set on a client message stored without the usual handling (banned contact, flooding identity):
    /// it opened nothing, notified nobody and stays out of queues and reports.
    public var hold: MessageHold?
    /// In a group conversation: the member who wrote this client message (the client is the group).
    public var member: GroupMember?

    /// Creates a message value.
    public init(
        id: MessageID,
        conversationID: ConversationID,
        direction: MessageDirection,
        author: MessageAuthor,
        text: String,
        attachments: [Attachment] = [],
        externalID: String? = nil,
        deliveryState: DeliveryState? = nil,
        failureReason: String? = nil,
        createdAt: Date,
        editedAt: Date? = nil,
        deletedAt: Date? = nil,
        sentiment: Sentiment? = nil,
        hold: MessageHold? = nil,
        member: GroupMember? = nil
    ) {
        self.member = member
        self.id = id
        self.conversationID = conversationID
        self.direction = direction
        self.author = author
        self.text = text
        self.attachments = attachments
        self.externalID = externalID
        self.deliveryState = deliveryState
        self.failureReason = failureReason
        self.createdAt = createdAt
        self.editedAt = editedAt
        self.deletedAt = deletedAt
        self.sentiment = sentiment
        self.hold = hold
    }
}
