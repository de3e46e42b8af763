public import Foundation

/// Decides what the result of carrying a revision to the messenger changes: a queued revision becomes
/// sent or failed, or waits for its retry; a revision that is no longer queued (recorded by an earlier
/// claim) changes nothing, so a late duplicate result is harmless.
public enum RevisionDeliveryDecision {
    /// A stored revision, as the decision needs it.
    public struct Stored: Sendable, Equatable {
        public var revisionID: Int64
        public var kind: RevisionKind
        public var messageID: MessageID
        public var conversationID: ConversationID
        public var state: RevisionState

        /// Creates a value.
        public init(revisionID: Int64, kind: RevisionKind, messageID: MessageID, conversationID: ConversationID, state: RevisionState) {
            self.revisionID = revisionID
            self.kind = kind
            self.messageID = messageID
            self.conversationID = conversationID
            self.state = state
        }
    }

    /// The row change a report makes.
    public enum Change: Sendable, Equatable {
        /// The revision leaves the queue in its final state (the reason shown when it failed).
        case finish(revisionID: Int64, RevisionState, reason: String?)
        /// The revision stays queued until `at`, with the reason it waits.
        case scheduleRetry(revisionID: Int64, at: Date, reason: String)
    }

    /// The change and the `message.revision_delivery` event for `report`; nothing when the revision is done already.
    public static func decide(_ report: RevisionReport, revision: Stored, at now: Date) -> (change: Change, event: EventDraft)? {
        guard revision.state == .queued else { return nil }
        let change: Change
        var payload = RevisionDeliveryPayload(
            messageID: revision.messageID,
            conversationID: revision.conversationID,
            revisionID: revision.revisionID,
            kind: revision.kind,
            state: .queued
        )
        switch report {
        case .applied:
            change = .finish(revisionID: revision.revisionID, .sent, reason: nil)
            payload.state = .sent
        case .retry(_, let date, let reason):
            change = .scheduleRetry(revisionID: revision.revisionID, at: date, reason: reason)
            payload.reason = reason
            payload.nextAttemptAt = date
        case .failed(_, let reason):
            change = .finish(revisionID: revision.revisionID, .failed, reason: reason)
            payload.state = .failed
            payload.reason = reason
        }
        let event = EventDraft(
            .messageRevisionDelivery,
            at: now,
            conversation: revision.conversationID,
            message: revision.messageID,
            payload: .revisionDelivery(payload)
        )
        return (change, event)
    }
}
