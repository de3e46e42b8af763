public import Foundation

/// The JSON a receiver gets: the event's sequence number, type, time and a payload whose shape is
/// published in the OpenAPI document (`WebhookDelivery` schema) and does not follow internal changes.
public struct WebhookBody: Sendable, Equatable, Codable {
    /// The event log's sequence number: increases with every event, so receivers can order and de-duplicate.
    public var seq: Int64
    public var type: WebhookEventType
    public var occurredAt: Date
    public var data: WebhookEventData

    /// Creates a body.
    public init(seq: Int64, type: WebhookEventType, occurredAt: Date, data: WebhookEventData) {
        self.seq = seq
        self.type = type
        self.occurredAt = occurredAt
        self.data = data
    }

    /// The exact text that is signed and sent: sorted keys, ISO 8601 times, absent fields left out.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        // Encoding plain integers, strings and dates cannot fail.
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Reads a body a receiver got, as tests and receivers do.
    /// - Throws: `DecodingError` for anything that is not a webhook body.
    public static func decode(_ json: Data) throws -> WebhookBody {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(WebhookBody.self, from: json)
    }
}

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
