public import Foundation

/// A delivery to queue, as `WebhookFanOut` plans it.
public struct WebhookDeliveryDraft: Sendable, Equatable {
    public var webhookID: OutgoingWebhookID
    public var seq: Int64
    public var type: WebhookEventType
    public var body: String
    public var queuedAt: Date

    /// Creates a draft.
    public init(webhookID: OutgoingWebhookID, seq: Int64, type: WebhookEventType, body: String, queuedAt: Date) {
        self.webhookID = webhookID
        self.seq = seq
        self.type = type
        self.body = body
        self.queuedAt = queuedAt
    }
}
