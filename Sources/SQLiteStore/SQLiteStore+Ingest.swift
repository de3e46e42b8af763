import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    /// Ingests one event: a batch of one.
    public func ingest(_ event: InboundEvent) async throws -> IngestOutcome {
        let results = try await ingest([event])
        return try results[0].get()
    }

    /// Ingests a batch in one write transaction, each event in its own savepoint, so one failure
    /// rolls back only that event and the commit (the expensive part) is shared. The texts are
    /// analysed before, on the caller's task, so the writer never waits for them.
    public func ingest(_ events: [InboundEvent]) async throws -> [Result<IngestOutcome, any Error>] {
        guard !events.isEmpty else { return [] }
        let analyses = events.map { textAnalysis(of: $0) }
        let reopenWindow = self.reopenWindow
        let floodLimits = self.floodLimits
        return try await pool.write { db in
            var results: [Result<IngestOutcome, any Error>] = []
            results.reserveCapacity(events.count)
            for (event, analysis) in zip(events, analyses) {
                let result = Self.ingestInSavepoint(db, event, analysis, reopenWindow: reopenWindow, floodLimits: floodLimits)
                // Some errors (a full disk, I/O) make SQLite roll back the whole transaction; the
                // events after it must not run in autocommit mode, so the batch fails as a whole.
                if case .failure(let error) = result, !db.isInsideTransaction { throw error }
                results.append(result)
            }
            return results
        }
    }

    /// The analysis `IngestDecision` needs of the event's text, with the desk's escalation words
    /// from memory; pure computation, to run before the write.
    func textAnalysis(of event: InboundEvent) -> InboundTextAnalysis {
        InboundTextAnalysis(event, escalation: ingestSettings.escalationWords)
    }

    /// Runs `ingestOne` in a savepoint and reports its outcome or its error in domain terms.
    static func ingestInSavepoint(
        _ db: Database,
        _ event: InboundEvent,
        _ analysis: InboundTextAnalysis,
        reopenWindow: TimeInterval,
        floodLimits: FloodLimits
    ) -> Result<IngestOutcome, any Error> {
        var outcome = IngestOutcome.duplicate
        do {
            try db.inSavepoint {
                outcome = try ingestOne(db, event, analysis, reopenWindow: reopenWindow, floodLimits: floodLimits)
                return .commit
            }
            return .success(outcome)
        } catch is DuplicateDelivery {
            return .success(.duplicate)
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
            return .failure(StoreError.notFound("channel \(event.channelID)"))
        } catch {
            return .failure(error)
        }
    }

    /// The work for one event: claim the delivery key, load the snapshot, let `IngestDecision`
    /// decide, apply its changes and append its events.
    /// - Throws: `DuplicateDelivery` to roll back the receipt of a message stored under another key.
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

/// Thrown inside the savepoint to roll back when a message is already stored under another delivery key.
struct DuplicateDelivery: Error {}
