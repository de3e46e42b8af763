public import Foundation

/// Where a client's new message goes: the pure rule the store's ingest transaction applies.
public enum ConversationPolicy {
    /// The decision for a client message.
    public enum Placement: Equatable, Sendable {
        /// Append to the latest conversation (reopening it if it was resolved).
        case continueLatest
        /// Start a new conversation.
        case openNew
    }

    /// How long after resolution a client's message reopens the old conversation instead of starting a new one.
    public static let defaultReopenWindow: TimeInterval = 7 * 24 * 3600

    /// Decides where a client message goes.
    /// - Parameters:
    ///   - latest: the client's latest conversation on this identity, if any.
    ///   - now: when the message arrived.
    ///   - reopenWindow: see `defaultReopenWindow`.
    public static func placeClientMessage(latest: Conversation?, now: Date, reopenWindow: TimeInterval = defaultReopenWindow) -> Placement {
        guard let latest else { return .openNew }
        guard latest.status == .resolved, let resolvedAt = latest.resolvedAt else { return .continueLatest }
        return now.timeIntervalSince(resolvedAt) <= reopenWindow ? .continueLatest : .openNew
    }
}
