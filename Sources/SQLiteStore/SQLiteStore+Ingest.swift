import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    /// Ingests in one write transaction: claim the delivery key, load the snapshot, let
    /// `IngestDecision` decide, apply its changes and append its events.
    public func ingest(_ event: InboundEvent) async throws -> IngestOutcome {
        let reopenWindow = self.reopenWindow
        let floodLimits = self.floodLimits
        do {
            return try await pool.write { db in
                guard try IngestWrites.claimReceipt(db, event) else { return .duplicate }
                let snapshot = try IngestSnapshotLoader(db: db, event: event, floodLimits: floodLimits).load()
                let plan = IngestDecision.decide(event, snapshot, reopenWindow: reopenWindow)
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
        } catch is DuplicateDelivery {
            return .duplicate
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
            throw StoreError.notFound("channel \(event.channelID)")
        }
    }
}

/// Thrown inside the transaction to roll back when a message is already stored under another delivery key.
struct DuplicateDelivery: Error {}
