public import Foundation
public import SwitchboardCore

/// Every store role the application wires into its services, plus what only the composition root
/// asks of a store. Each store engine the configuration can name conforms to it.
public protocol AppStore: InboxStore, AdminStore, RoutingStore, AutomationStore, ReportStore, WebhookStore, ReceiptStore, UploadReferences,
    RevisionStore, TopicStore, StaffStore, SignInAttemptStore
{
    /// The `/metrics` queue gauges, read in one snapshot.
    func queueCounts() async throws -> QueueCounts
    /// Re-encrypts every stored secret (bot tokens, messenger webhook secrets, outgoing webhook secrets) in one transaction.
    /// - Parameter reseal: turns one sealed value into its sealing under the new key; throwing rolls everything back.
    /// - Returns: how many secrets were rewritten.
    func resealSecrets(_ reseal: @Sendable (Data) throws -> Data) async throws -> Int
    /// Lets go of the database (its connections and files); the store must not be used afterwards.
    /// A restarted process, or a test that plays one, opens the database again with `openStore`.
    func close() throws
}

/// Queue sizes a monitoring scrape reports.
public struct QueueCounts: Sendable, Equatable {
    /// Outbound messages queued or waiting to retry.
    public var outboxPending: Int
    /// Open conversations no operator has taken.
    public var waitingConversations: Int

    /// Creates the counts.
    public init(outboxPending: Int, waitingConversations: Int) {
        self.outboxPending = outboxPending
        self.waitingConversations = waitingConversations
    }
}
