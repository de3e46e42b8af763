public import Foundation

/// Where a conversation stands.
public enum ConversationStatus: String, Sendable, Codable, CaseIterable {
    /// Needs or has an operator's attention.
    case open
    /// Waiting: on hold, or for the client to answer.
    case pending
    /// Done; a new client message reopens it.
    case resolved
}

/// A thread between one contact and the desk, on one channel.
public struct Conversation: Sendable, Codable, Equatable, Identifiable {
    public var id: ConversationID
    public var contactID: ContactID
    public var channelID: ChannelID
    public var identityID: IdentityID
    public var status: ConversationStatus
    public var assigneeID: OperatorID?
    public var departmentID: DepartmentID?
    /// The deep-link context key the client arrived with, if any.
    public var contextKey: String?
    public var openedAt: Date
    public var firstResponseAt: Date?
    public var resolvedAt: Date?
    public var lastMessageAt: Date

    /// Creates a conversation value.
    public init(
        id: ConversationID,
        contactID: ContactID,
        channelID: ChannelID,
        identityID: IdentityID,
        status: ConversationStatus,
        assigneeID: OperatorID? = nil,
        departmentID: DepartmentID? = nil,
        contextKey: String? = nil,
        openedAt: Date,
        firstResponseAt: Date? = nil,
        resolvedAt: Date? = nil,
        lastMessageAt: Date
    ) {
        self.id = id
        self.contactID = contactID
        self.channelID = channelID
        self.identityID = identityID
        self.status = status
        self.assigneeID = assigneeID
        self.departmentID = departmentID
        self.contextKey = contextKey
        self.openedAt = openedAt
        self.firstResponseAt = firstResponseAt
        self.resolvedAt = resolvedAt
        self.lastMessageAt = lastMessageAt
    }
}
