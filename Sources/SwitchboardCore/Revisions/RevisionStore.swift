public import Foundation

/// What editing and deleting sent replies reads and changes, each operation one transaction with its events.
///
/// An operator's revision is stored first (the message's new text or deletion, and a queued revision row)
/// and carried to the messenger afterwards by the revision dispatcher, as replies are by the outbox:
/// claimed with a lease, retried with backoff, finished as sent or failed.
public protocol RevisionStore: Store {
    /// Applies `RevisionRule` to the stored message and, when allowed, stores the revision and queues it.
    /// - Throws: `RevisionRefusal` when the rule refuses; nothing is stored then.
    func revise(_ request: RevisionRequest, at now: Date) async throws -> (Message, [Event])
    /// A message of a conversation with its earlier texts, oldest first; nil when there is no such message.
    func edits(of messageID: MessageID, in conversationID: ConversationID) async throws -> (Message, [MessageEdit])?
    /// Claims due queued revisions (the oldest of each message only, so a message's revisions apply in order).
    func claimRevisions(limit: Int, now: Date, lease: TimeInterval) async throws -> [RevisionItem]
    /// Records one attempt's result (`RevisionDeliveryDecision`).
    func recordRevision(_ report: RevisionReport, at now: Date) async throws -> [Event]
    /// When the next queued revision is due, if any.
    func nextRevisionDue() async throws -> Date?
}
