public import Foundation

/// Identifies a registered outgoing webhook.
public typealias OutgoingWebhookID = Identifier<OutgoingWebhook>
/// Identifies one delivery of an event to an outgoing webhook.
public typealias WebhookDeliveryID = Identifier<WebhookDelivery>

/// An endpoint an admin registered to receive events. Its secret is never part of this value:
/// the store keeps it sealed and hands it out only to the sender.
public struct OutgoingWebhook: Sendable, Equatable, Codable, Identifiable {
    public var id: OutgoingWebhookID
    public var url: String
    public var eventTypes: [WebhookEventType]
    public var description: String
    /// False once a delivery failed for good (or an admin turned it off); nothing new is queued then.
    public var enabled: Bool
    /// Why the endpoint was disabled automatically, shown to admins.
    public var disabledReason: String?
    /// Only events after this sequence number are sent: an endpoint does not get the past.
    public var startSeq: Int64
    public var createdAt: Date

    /// Creates a value.
    public init(
        id: OutgoingWebhookID,
        url: String,
        eventTypes: [WebhookEventType],
        description: String,
        enabled: Bool,
        disabledReason: String? = nil,
        startSeq: Int64,
        createdAt: Date
    ) {
        self.id = id
        self.url = url
        self.eventTypes = eventTypes
        self.description = description
        self.enabled = enabled
        self.disabledReason = disabledReason
        self.startSeq = startSeq
        self.createdAt = createdAt
    }

    /// The audit log's name for the endpoint.
    public var auditTarget: String { Self.auditTarget(id: id, url: url) }

    /// The audit log's name for an endpoint known by its id and URL.
    public static func auditTarget(id: OutgoingWebhookID, url: String) -> String { "webhook \(id) \(url)" }
}

/// A new endpoint, with its secret already sealed.
public struct OutgoingWebhookDraft: Sendable, Equatable {
    public var url: String
    public var eventTypes: [WebhookEventType]
    public var description: String
    public var secretCiphertext: Data
    /// False registers the endpoint turned off (a manifest can describe one that way).
    public var enabled: Bool

    /// Creates a draft.
    public init(url: String, eventTypes: [WebhookEventType], description: String = "", secretCiphertext: Data, enabled: Bool = true) {
        self.url = url
        self.eventTypes = eventTypes
        self.description = description
        self.secretCiphertext = secretCiphertext
        self.enabled = enabled
    }
}
