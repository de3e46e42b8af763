public import Foundation

/// Where one delivery stands.
public enum WebhookDeliveryStatus: String, Sendable, Codable, CaseIterable {
    /// Waiting for its first or next attempt.
    case pending
    /// The receiver answered 2xx.
    case delivered
    /// Retries ran out; the endpoint was disabled.
    case failed
}

/// One event queued for one endpoint, with the outcome of its attempts: a row of the delivery log.
public struct WebhookDelivery: Sendable, Equatable, Codable, Identifiable {
    public var id: WebhookDeliveryID
    public var webhookID: OutgoingWebhookID
    public var seq: Int64
    public var type: WebhookEventType
    public var status: WebhookDeliveryStatus
    public var attempts: Int
    /// When it was queued (or queued again by a resend); retries give up a day after it.
    public var queuedAt: Date
    public var nextAttemptAt: Date?
    public var lastAttemptAt: Date?
    public var lastError: String?
    public var lastStatusCode: Int?
    /// How long the receiver took to answer the last attempt.
    public var responseMillis: Int?
    /// The exact JSON that is signed and sent.
    public var body: String

    /// Creates a value.
    public init(
        id: WebhookDeliveryID,
        webhookID: OutgoingWebhookID,
        seq: Int64,
        type: WebhookEventType,
        status: WebhookDeliveryStatus,
        attempts: Int,
        queuedAt: Date,
        nextAttemptAt: Date?,
        lastAttemptAt: Date? = nil,
        lastError: String? = nil,
        lastStatusCode: Int? = nil,
        responseMillis: Int? = nil,
        body: String
    ) {
        self.id = id
        self.webhookID = webhookID
        self.seq = seq
        self.type = type
        self.status = status
        self.attempts = attempts
        self.queuedAt = queuedAt
        self.nextAttemptAt = nextAttemptAt
        self.lastAttemptAt = lastAttemptAt
        self.lastError = lastError
        self.lastStatusCode = lastStatusCode
        self.responseMillis = responseMillis
        self.body = body
    }
}
