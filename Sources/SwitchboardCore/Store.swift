public import Foundation

/// Persistence, shaped by the operations that keep the invariants, not by tables.
///
/// Each operation runs in one transaction and appends its events to the event log in that
/// same transaction, so a reader of the log never sees a change that did not commit.
public protocol Store: EventLog {
    /// Creates a channel, created at `now`.
    /// - Throws: `StoreError.conflict` when the name is taken.
    func createChannel(_ draft: ChannelDraft, at now: Date) async throws -> Channel
    /// All channels, by id.
    func channels() async throws -> [Channel]
    /// Creates an operator, created at `now`.
    /// - Throws: `StoreError.conflict` when the login is taken.
    func createOperator(_ draft: OperatorDraft, at now: Date) async throws -> Operator

    // MARK: Connected bots and their credentials

    /// Creates a channel together with its sealed credentials, in one transaction, created at `now`.
    /// - Throws: `StoreError.conflict` when the name is taken.
    func createChannel(_ draft: ChannelDraft, credentials: ChannelCredentials, at now: Date) async throws -> Channel
    /// The sealed credentials of a channel; nil for an unknown channel or one created without a token.
    func channelCredentials(_ id: ChannelID) async throws -> ChannelCredentials?
    /// Switches a channel between polling and webhook, with the webhook's sealed secret (nil for polling).
    /// - Throws: `StoreError.notFound` for an unknown channel.
    func updateChannelMode(_ id: ChannelID, mode: ChannelMode, webhookSecretCiphertext: Data?) async throws
    /// Records why a channel cannot work (nil clears it), so `channel list` and logs show the reason.
    /// - Throws: `StoreError.notFound` for an unknown channel.
    func setChannelProblem(_ id: ChannelID, problem: String?) async throws
    /// Applies a change to a channel in one transaction.
    /// - Throws: `StoreError.notFound` for an unknown channel.
    func updateChannel(_ id: ChannelID, _ change: ChannelChange) async throws
    /// Removes a channel: its token is wiped, it disappears from `channels()` and its name is free
    /// again; its conversations stay; its queued replies fail with `reason`. Returns the events.
    /// - Throws: `StoreError.notFound` for an unknown or already removed channel.
    func removeChannel(_ id: ChannelID, reason: String, at now: Date) async throws -> (ChannelRemoval, [Event])

    /// Turns an inbound event into state: contact, identity, conversation, message and events.
    /// A delivery key seen before yields `.duplicate` and changes nothing.
    func ingest(_ event: InboundEvent) async throws -> IngestOutcome
    /// Ingests several events in one transaction (group commit), in order, each as `ingest(_:)`
    /// would: an event that fails (an unknown channel, a constraint) is rolled back alone and
    /// reported in its slot, and the others still commit. A later event sees the earlier ones, so
    /// two deliveries of one update yield `.new` then `.duplicate`.
    /// - Returns: one result per event, in the order given, all committed when this returns.
    /// - Throws: when the transaction itself could not commit; then none of the events was stored.
    func ingest(_ events: [InboundEvent]) async throws -> [Result<IngestOutcome, any Error>]
    /// Stores an operator's reply as `queued` with its outbox row, before any network call.
    func enqueueReply(_ draft: ReplyDraft, at now: Date) async throws -> EnqueuedReply
    /// Applies an operator's lifecycle action (pending, resolve, reopen) to a conversation.
    /// - Throws: `StoreError.refused` when the state machine refuses it, `StoreError.notFound` for an unknown id.
    func transition(_ conversationID: ConversationID, _ trigger: ConversationTrigger, at now: Date) async throws -> [Event]
    /// Leases due outbox rows (at most one per conversation, oldest first) until `now + lease`.
    func claimOutbox(limit: Int, now: Date, lease: TimeInterval) async throws -> [OutboxItem]
    /// Extends the leases of claimed rows that are still the caller's, those whose lease still ends
    /// at `heldUntil` (the time its claim or its last renewal set), to `until`. A row another
    /// claimer took after the lease ran out, or one already recorded, is left alone.
    /// - Returns: the rows renewed.
    func renewOutboxClaims(_ ids: [MessageID], heldUntil: Date, until: Date) async throws -> [MessageID]
    /// Records the result of a send attempt and returns the events it appended.
    func recordDelivery(_ report: DeliveryReport, at now: Date) async throws -> [Event]
    /// The earliest time an outbox row becomes claimable, nil when the outbox is empty.
    func nextOutboxDue() async throws -> Date?
    /// Puts a finished download into its message as `AttachmentDownload.apply` decides; returns
    /// the events, none when the outcome was applied before.
    /// - Throws: `StoreError.notFound` for an unknown message.
    func settleAttachment(_ outcome: Attachment, ofMessage messageID: MessageID, at now: Date) async throws -> [Event]
    /// Files of a channel's client messages created at or after `since` that are still pending,
    /// oldest first: what a restart or a crash left between a commit and its download.
    func pendingDownloads(channel: ChannelID, since: Date, limit: Int) async throws -> [PendingDownload]

    /// A conversation by id.
    func conversation(_ id: ConversationID) async throws -> Conversation?
    /// Messages of a conversation, oldest first.
    func messages(in conversationID: ConversationID) async throws -> [Message]
    /// A contact by id.
    func contact(_ id: ContactID) async throws -> Contact?
    /// Identities of a contact.
    func identities(of contactID: ContactID) async throws -> [Identity]
    /// Checks that the database answers (for `/readyz`).
    func ping() async throws
}

/// Errors a store reports in domain terms.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case notFound(String)
    case conflict(String)
    case invalid(String)
    case refused(RefusedTransition)

    public var description: String {
        switch self {
        case .notFound(let what): "\(what) not found"
        case .conflict(let what): "\(what) already exists"
        case .invalid(let why): why
        case .refused(let transition): transition.description
        }
    }
}
