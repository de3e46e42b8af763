/// What an event is about. Each type fills the fields that make sense for it; the rest are absent.
public struct WebhookEventData: Sendable, Equatable, Codable {
    public var conversationID: Int64?
    public var contactID: Int64?
    public var channelID: Int64?
    public var messageID: Int64?
    /// The operator now assigned (`conversation.assigned`) or who wrote (`message.out`).
    public var operatorID: Int64?
    /// The operator assigned before (`conversation.assigned`).
    public var previousOperatorID: Int64?
    public var departmentID: Int64?
    /// The message text (`message.in`, `message.out`).
    public var text: String?
    /// `client`, `operator`, `bot` or `system` (`message.in`, `message.out`).
    public var author: String?
    public var attachmentCount: Int?
    /// Why delivery failed (`delivery.failed`).
    public var reason: String?
    /// Feedback (`feedback.given`): was the question resolved, the score from 1 to 5, the comment.
    public var resolved: Bool?
    public var score: Int?
    public var comment: String?
    /// The contact merged into `contactID` (`contact.merged`).
    public var mergedContactID: Int64?

    /// An empty value; the mapping fills what the type needs.
    public init(conversationID: Int64? = nil, contactID: Int64? = nil) {
        self.conversationID = conversationID
        self.contactID = contactID
    }
}
