import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    /// Ingests in one write transaction: claim the delivery key, load the snapshot, let
    /// `IngestDecision` decide, apply its changes and append its events. The text is analysed
    /// before, on the caller's task, so the writer never waits for it.
    public func ingest(_ event: InboundEvent) async throws -> IngestOutcome {
        let analysis = textAnalysis(of: event)
        let reopenWindow = self.reopenWindow
        let floodLimits = self.floodLimits
        do {
            return try await pool.write { db in
                try Self.ingestOne(db, event, analysis, reopenWindow: reopenWindow, floodLimits: floodLimits)
            }
        } catch is DuplicateDelivery {
            return .duplicate
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
            throw StoreError.notFound("channel \(event.channelID)")
        }
    }

    /// The analysis `IngestDecision` needs of the event's text, with the desk's escalation words
    /// from memory; pure computation, to run before the write.
    func textAnalysis(of event: InboundEvent) -> InboundTextAnalysis {
        InboundTextAnalysis(event, escalation: ingestSettings.escalationWords)
    }

    /// The ingest of one event inside the caller's write transaction.
    /// - Throws: `DuplicateDelivery` when the message is stored under another delivery key; the
    ///   caller rolls back (the receipt too) and reports `.duplicate`.
    static func ingestOne(
        _ db: Database,
        _ event: InboundEvent,
        _ analysis: InboundTextAnalysis,
        reopenWindow: TimeInterval,
        floodLimits: FloodLimits
    ) throws -> IngestOutcome {
        guard try IngestWrites.claimReceipt(db, event) else { return .duplicate }
        let snapshot = try IngestSnapshotLoader(db: db, event: event, floodLimits: floodLimits).load()
        let plan = IngestDecision.decide(event, snapshot, analysis, reopenWindow: reopenWindow)
        // Same message under a new delivery key (a messenger retry): roll back the receipt too.
        guard !plan.isDuplicate else { throw DuplicateDelivery() }
        try IngestWrites(db: db).apply(plan.changes)
        var events = EventAppender(db)
        try events.append(plan.events)
        return .new(
            IngestResult(
                contactID: plan.contactID,
                identityID: plan.identityID,
                conversationID: plan.conversationID,
                messageID: plan.messageID,
                events: events.appended
            )
        )
    }
}

/// Thrown inside the transaction to roll back when a message is already stored under another delivery key.
struct DuplicateDelivery: Error {}
