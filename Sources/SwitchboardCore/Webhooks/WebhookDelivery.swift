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

/// The delivery an endpoint must send next (the oldest one it has not delivered), with what the
/// sender needs: the URL and the sealed secret.
public struct WebhookDispatch: Sendable, Equatable {
    public var delivery: WebhookDelivery
    public var url: String
    public var secretCiphertext: Data

    /// Creates a value.
    public init(delivery: WebhookDelivery, url: String, secretCiphertext: Data) {
        self.delivery = delivery
        self.url = url
        self.secretCiphertext = secretCiphertext
    }
}

/// The outcome of one attempt, for the store to write: the delivery's new state and, when it failed
/// for good, the notice that disables its endpoint.
public struct WebhookAttemptRecord: Sendable, Equatable {
    public var deliveryID: WebhookDeliveryID
    public var webhookID: OutgoingWebhookID
    public var status: WebhookDeliveryStatus
    public var attemptedAt: Date
    public var nextAttemptAt: Date?
    public var error: String?
    public var statusCode: Int?
    public var responseMillis: Int?
    /// Set when the endpoint is to be disabled: the reason admins read and the audit entry telling them.
    public var disable: WebhookDisableNotice?

    /// Creates a record.
    public init(
        deliveryID: WebhookDeliveryID,
        webhookID: OutgoingWebhookID,
        status: WebhookDeliveryStatus,
        attemptedAt: Date,
        nextAttemptAt: Date?,
        error: String?,
        statusCode: Int?,
        responseMillis: Int?,
        disable: WebhookDisableNotice?
    ) {
        self.deliveryID = deliveryID
        self.webhookID = webhookID
        self.status = status
        self.attemptedAt = attemptedAt
        self.nextAttemptAt = nextAttemptAt
        self.error = error
        self.statusCode = statusCode
        self.responseMillis = responseMillis
        self.disable = disable
    }
}

/// Why an endpoint is disabled, and the audit entry that tells admins.
public struct WebhookDisableNotice: Sendable, Equatable {
    public var reason: String
    public var audit: AuditEntry

    /// Creates a notice.
    public init(reason: String, audit: AuditEntry) {
        self.reason = reason
        self.audit = audit
    }
}
