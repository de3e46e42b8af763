/// The event types an outgoing webhook can subscribe to: the stable names receivers see in `type`.
///
/// They are deliberately fewer and coarser than `EventKind`: the log's kinds are internal and may
/// change, these names are a published contract.
public enum WebhookEventType: String, Sendable, Codable, CaseIterable, Comparable {
    case conversationOpened = "conversation.opened"
    case conversationAssigned = "conversation.assigned"
    case conversationResolved = "conversation.resolved"
    case conversationReopened = "conversation.reopened"
    case messageIn = "message.in"
    case messageOut = "message.out"
    case deliveryFailed = "delivery.failed"
    case feedbackGiven = "feedback.given"
    case contactMerged = "contact.merged"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Parses a list of type names, as an admin typed them.
    /// - Returns: the types, each once and sorted, or the names that are not types.
    public static func parse(_ names: [String]) -> Result<[WebhookEventType], UnknownWebhookEventTypes> {
        var types = Set<WebhookEventType>()
        var unknown: [String] = []
        for name in names {
            if let type = WebhookEventType(rawValue: name) { types.insert(type) } else { unknown.append(name) }
        }
        return unknown.isEmpty ? .success(types.sorted()) : .failure(UnknownWebhookEventTypes(names: unknown))
    }
}

/// Names given as webhook event types that are not ones.
public struct UnknownWebhookEventTypes: Error, Equatable, CustomStringConvertible {
    public var names: [String]

    /// Creates the error.
    public init(names: [String]) {
        self.names = names
    }

    public var description: String {
        "unknown event types: \(names.joined(separator: ", ")); known: \(WebhookEventType.allCases.map(\.rawValue).joined(separator: ", "))"
    }
}
