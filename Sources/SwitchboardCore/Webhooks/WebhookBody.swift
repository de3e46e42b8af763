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
