public import Foundation
public import SwitchboardCore
import Synchronization

/// A real store whose `recordDelivery` fails when a test says so (a constraint error, a full disk);
/// everything else goes through to the wrapped store.
public final class UnrecordableDeliveryStore: Store {
    /// The error `recordDelivery` throws when it fails.
    public struct WriteFailed: Error, CustomStringConvertible {
        public var description: String { "disk I/O error" }
    }

    private let base: any Store
    private let fails: @Sendable (DeliveryReport, Int) -> Bool
    private let attempts = Mutex<[DeliveryReport]>([])

    /// Wraps `base`.
    /// - Parameter fails: given a report and how many `recordDelivery` calls came before it, whether this call fails.
    public init(wrapping base: any Store, fails: @escaping @Sendable (DeliveryReport, Int) -> Bool) {
        self.base = base
        self.fails = fails
    }

    /// Every report `recordDelivery` was called with, failed or not, oldest first.
    public var recordAttempts: [DeliveryReport] { attempts.withLock { $0 } }

    public func recordDelivery(_ report: DeliveryReport, at now: Date) async throws -> [Event] {
        let earlier = attempts.withLock { attempts in
            attempts.append(report)
            return attempts.count - 1
        }
        if fails(report, earlier) { throw WriteFailed() }
        return try await base.recordDelivery(report, at: now)
    }

    public func createChannel(_ draft: ChannelDraft, at now: Date) async throws -> Channel {
        try await base.createChannel(draft, at: now)
    }

    public func channels() async throws -> [Channel] { try await base.channels() }

    public func createOperator(_ draft: OperatorDraft, at now: Date) async throws -> Operator {
        try await base.createOperator(draft, at: now)
    }

    public func createChannel(_ draft: ChannelDraft, credentials: ChannelCredentials, at now: Date) async throws -> Channel {
        try await base.createChannel(draft, credentials: credentials, at: now)
    }

    public func channelCredentials(_ id: ChannelID) async throws -> ChannelCredentials? { try await base.channelCredentials(id) }

    public func updateChannelMode(_ id: ChannelID, mode: ChannelMode, webhookSecretCiphertext: Data?) async throws {
        try await base.updateChannelMode(id, mode: mode, webhookSecretCiphertext: webhookSecretCiphertext)
    }

    public func setChannelProblem(_ id: ChannelID, problem: String?) async throws { try await base.setChannelProblem(id, problem: problem) }

    public func updateChannel(_ id: ChannelID, _ change: ChannelChange) async throws { try await base.updateChannel(id, change) }

    public func removeChannel(_ id: ChannelID, reason: String, at now: Date) async throws -> (ChannelRemoval, [Event]) {
        try await base.removeChannel(id, reason: reason, at: now)
    }

    public func ingest(_ event: InboundEvent) async throws -> IngestOutcome { try await base.ingest(event) }

    public func ingest(_ events: [InboundEvent]) async throws -> [Result<IngestOutcome, any Error>] { try await base.ingest(events) }

    public func enqueueReply(_ draft: ReplyDraft, at now: Date) async throws -> EnqueuedReply { try await base.enqueueReply(draft, at: now) }

    public func transition(_ conversationID: ConversationID, _ trigger: ConversationTrigger, at now: Date) async throws -> [Event] {
        try await base.transition(conversationID, trigger, at: now)
    }

    public func claimOutbox(limit: Int, now: Date, lease: TimeInterval) async throws -> [OutboxItem] {
        try await base.claimOutbox(limit: limit, now: now, lease: lease)
    }

    public func renewOutboxClaims(_ ids: [MessageID], heldUntil: Date, until: Date) async throws -> [MessageID] {
        try await base.renewOutboxClaims(ids, heldUntil: heldUntil, until: until)
    }

    public func nextOutboxDue() async throws -> Date? { try await base.nextOutboxDue() }

    public func settleAttachment(_ outcome: Attachment, ofMessage messageID: MessageID, at now: Date) async throws -> [Event] {
        try await base.settleAttachment(outcome, ofMessage: messageID, at: now)
    }

    public func pendingDownloads(channel: ChannelID, since: Date, limit: Int) async throws -> [PendingDownload] {
        try await base.pendingDownloads(channel: channel, since: since, limit: limit)
    }

    public func conversation(_ id: ConversationID) async throws -> Conversation? { try await base.conversation(id) }

    public func messages(in conversationID: ConversationID) async throws -> [Message] { try await base.messages(in: conversationID) }

    public func contact(_ id: ContactID) async throws -> Contact? { try await base.contact(id) }

    public func identities(of contactID: ContactID) async throws -> [Identity] { try await base.identities(of: contactID) }

    public func ping() async throws { try await base.ping() }

    public func events(after seq: Int64, limit: Int) async throws -> [Event] { try await base.events(after: seq, limit: limit) }

    public func latestSeq() async throws -> Int64 { try await base.latestSeq() }
}
