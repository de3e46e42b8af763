public import Foundation

/// Outgoing webhooks: the endpoints admins registered and their durable delivery queue. Each
/// operation is one transaction; admin changes record their audit entry in it.
public protocol WebhookStore: Sendable {
    /// Every endpoint, oldest first.
    func outgoingWebhooks() async throws -> [OutgoingWebhook]
    /// One endpoint.
    func outgoingWebhook(_ id: OutgoingWebhookID) async throws -> OutgoingWebhook?
    /// Registers an endpoint that gets events after the latest committed one, and records `webhook.created`.
    func createOutgoingWebhook(_ draft: OutgoingWebhookDraft, by actor: AuditActor, at now: Date) async throws -> OutgoingWebhook
    /// An endpoint's secret as stored (sealed), for comparing it with a manifest's; nil for no endpoint.
    func outgoingWebhookSecret(_ id: OutgoingWebhookID) async throws -> Data?
    /// Applies an edit (a new sealed secret included) and records `webhook.updated` with what changed.
    /// - Throws: `StoreError.notFound`.
    func editOutgoingWebhook(
        _ id: OutgoingWebhookID,
        _ edit: OutgoingWebhookEdit,
        by actor: AuditActor,
        at now: Date
    ) async throws
        -> OutgoingWebhook
    /// Removes an endpoint with its delivery log and records `webhook.deleted`.
    /// - Throws: `StoreError.notFound`.
    func deleteOutgoingWebhook(_ id: OutgoingWebhookID, by actor: AuditActor, at now: Date) async throws

    /// An endpoint's delivery log, newest event first, at most `limit`.
    func webhookDeliveries(_ webhookID: OutgoingWebhookID, limit: Int) async throws -> [WebhookDelivery]
    /// Queues a delivery again (pending, due now, a new retry window) and records `webhook.resent`.
    /// - Throws: `StoreError.notFound` when the delivery is not the endpoint's.
    func resendWebhookDelivery(
        _ id: WebhookDeliveryID,
        of webhookID: OutgoingWebhookID,
        by actor: AuditActor,
        at now: Date
    ) async throws
        -> WebhookDelivery

    /// The `seq` of the last event the fan-out has looked at.
    func webhookFanOutCursor() async throws -> Int64
    /// Queues deliveries (a delivery already queued for its endpoint and event is kept as is) and
    /// moves the fan-out cursor to `seq`, together.
    func enqueueWebhookDeliveries(_ drafts: [WebhookDeliveryDraft], through seq: Int64) async throws
    /// For each enabled endpoint, its oldest undelivered delivery if that one is due at `now`:
    /// later ones wait behind it, which keeps each endpoint's order.
    func dueWebhookDeliveries(now: Date) async throws -> [WebhookDispatch]
    /// When the earliest head-of-line delivery of an enabled endpoint is due, if any waits.
    func nextWebhookDue() async throws -> Date?
    /// Writes an attempt's outcome; with `disable`, also disables the endpoint and appends the audit notice.
    func recordWebhookAttempt(_ record: WebhookAttemptRecord) async throws
}
