public import Foundation

/// Which conversations an export holds: those active in `[from, to)` (opened before `to`, last message
/// at or after `from`), narrowed like search; only their messages inside the range are exported.
public struct ExportQuery: Sendable, Equatable {
    public var from: Date
    public var to: Date
    public var channelID: ChannelID?
    /// The assignee.
    public var operatorID: OperatorID?
    public var status: ConversationStatus?
    /// A label of the conversation or of its contact.
    public var label: String?

    /// Creates a query.
    public init(
        from: Date,
        to: Date,
        channelID: ChannelID? = nil,
        operatorID: OperatorID? = nil,
        status: ConversationStatus? = nil,
        label: String? = nil
    ) {
        self.from = from
        self.to = to
        self.channelID = channelID
        self.operatorID = operatorID
        self.status = status
        self.label = label
    }
}

/// One conversation as exported, with its messages of the range in order.
public struct ExportedConversation: Sendable, Equatable, Codable {
    public var id: ConversationID
    public var status: ConversationStatus
    public var channel: String
    public var contact: String
    public var assignee: String?
    public var departmentID: DepartmentID?
    public var openedAt: Date
    public var resolvedAt: Date?
    public var messages: [ExportedMessage]

    /// Creates a value.
    public init(
        id: ConversationID,
        status: ConversationStatus,
        channel: String,
        contact: String,
        assignee: String?,
        departmentID: DepartmentID?,
        openedAt: Date,
        resolvedAt: Date?,
        messages: [ExportedMessage]
    ) {
        self.id = id
        self.status = status
        self.channel = channel
        self.contact = contact
        self.assignee = assignee
        self.departmentID = departmentID
        self.openedAt = openedAt
        self.resolvedAt = resolvedAt
        self.messages = messages
    }
}

/// One message as exported.
public struct ExportedMessage: Sendable, Equatable, Codable {
    public var id: MessageID
    public var at: Date
    public var direction: MessageDirection
    /// `client`, `operator`, `bot` or `system`.
    public var authorKind: String
    /// The client's, operator's or API key bot's name; nil when there is none (the desk's own bot, system).
    public var authorName: String?
    public var text: String

    /// Creates a value.
    public init(id: MessageID, at: Date, direction: MessageDirection, authorKind: String, authorName: String?, text: String) {
        self.id = id
        self.at = at
        self.direction = direction
        self.authorKind = authorKind
        self.authorName = authorName
        self.text = text
    }
}
