public import Foundation

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
