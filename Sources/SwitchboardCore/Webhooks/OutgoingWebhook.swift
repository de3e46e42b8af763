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

    /// Creates a draft.
    public init(url: String, eventTypes: [WebhookEventType], description: String = "", secretCiphertext: Data) {
        self.url = url
        self.eventTypes = eventTypes
        self.description = description
        self.secretCiphertext = secretCiphertext
    }
}

/// An admin's change of an endpoint; nil fields stay as they are.
public struct OutgoingWebhookEdit: Sendable, Equatable {
    public var url: String?
    public var eventTypes: [WebhookEventType]?
    public var description: String?
    /// Turning an endpoint back on clears the reason it was disabled.
    public var enabled: Bool?

    /// Creates an edit.
    public init(url: String? = nil, eventTypes: [WebhookEventType]? = nil, description: String? = nil, enabled: Bool? = nil) {
        self.url = url
        self.eventTypes = eventTypes
        self.description = description
        self.enabled = enabled
    }

    /// The endpoint after the edit.
    public func applied(to webhook: OutgoingWebhook) -> OutgoingWebhook {
        var result = webhook
        if let url { result.url = url }
        if let eventTypes { result.eventTypes = eventTypes }
        if let description { result.description = description }
        if let enabled {
            result.enabled = enabled
            if enabled { result.disabledReason = nil }
        }
        return result
    }

    /// What the edit changed, for the audit log.
    public static func changes(from old: OutgoingWebhook, to new: OutgoingWebhook) -> [String: AuditChange] {
        var changes: [String: AuditChange] = [:]
        if old.url != new.url { changes["url"] = AuditChange(from: .string(old.url), to: .string(new.url)) }
        if old.eventTypes != new.eventTypes {
            changes["eventTypes"] = AuditChange(
                from: .string(old.eventTypes.map(\.rawValue).joined(separator: ",")),
                to: .string(new.eventTypes.map(\.rawValue).joined(separator: ","))
            )
        }
        if old.description != new.description {
            changes["description"] = AuditChange(from: .string(old.description), to: .string(new.description))
        }
        if old.enabled != new.enabled { changes["enabled"] = AuditChange(from: .bool(old.enabled), to: .bool(new.enabled)) }
        return changes
    }
}
