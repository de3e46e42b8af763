public import Foundation

/// An admin's change of an endpoint; nil fields stay as they are.
public struct OutgoingWebhookEdit: Sendable, Equatable {
    public var url: String?
    public var eventTypes: [WebhookEventType]?
    public var description: String?
    /// Turning an endpoint back on clears the reason it was disabled.
    public var enabled: Bool?
    /// A new secret, already sealed; it replaces the one receivers check signatures with.
    public var secretCiphertext: Data?

    /// Creates an edit.
    public init(
        url: String? = nil,
        eventTypes: [WebhookEventType]? = nil,
        description: String? = nil,
        enabled: Bool? = nil,
        secretCiphertext: Data? = nil
    ) {
        self.url = url
        self.eventTypes = eventTypes
        self.description = description
        self.enabled = enabled
        self.secretCiphertext = secretCiphertext
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

    /// Whether the deliveries still waiting for the endpoint start a new retry window, due at once:
    /// turning a disabled endpoint back on must not fail them for the days it was off.
    public static func restartsWaitingDeliveries(from old: OutgoingWebhook, to new: OutgoingWebhook) -> Bool {
        !old.enabled && new.enabled
    }

    /// What this edit changed, for the audit log: the fields, and `secret` (never its value) when replaced.
    public func auditChanges(from old: OutgoingWebhook, to new: OutgoingWebhook) -> [String: AuditChange] {
        var changes = Self.changes(from: old, to: new)
        if secretCiphertext != nil { changes["secret"] = .secret }
        return changes
    }

    /// What the edit changed in the endpoint's fields, for the audit log.
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
