import Foundation
import PostgresNIO
public import SwitchboardCore

extension PostgresStore {
    /// Ingests one event: a batch of one.
    public func ingest(_ event: InboundEvent) async throws -> IngestOutcome {
        let results = try await ingest([event])
        return try results[0].get()
    }

    /// Ingests a batch in one write transaction, each event in its own savepoint, so one failure
    /// rolls back only that event and the commit (the expensive part) is shared. The desk's
    /// escalation words are read once per batch (another instance may have changed them), and the
    /// texts are analysed before the write, so the transaction never waits for them.
    public func ingest(_ events: [InboundEvent]) async throws -> [Result<IngestOutcome, any Error>] {
        guard !events.isEmpty else { return [] }
        let settings = try await read { db in try await Self.readRoutingSettings(db) }
        let escalation = EscalationWords(settings.escalationWords)
        let analyses = events.map { Self.textAnalysis(of: $0, escalation: escalation) }
        let reopenWindow = self.reopenWindow
        let floodLimits = self.floodLimits
        return try await write { db in
            var results: [Result<IngestOutcome, any Error>] = []
            results.reserveCapacity(events.count)
            for (event, analysis) in zip(events, analyses) {
                results.append(try await Self.ingestInSavepoint(db, event, analysis, reopenWindow: reopenWindow, floodLimits: floodLimits))
            }
            return results
        }
    }

    /// The analysis `IngestDecision` needs of the event's text, with the desk's escalation words;
    /// pure computation, to run before the write.
    static func textAnalysis(of event: InboundEvent, escalation: EscalationWords) -> InboundTextAnalysis {
        InboundTextAnalysis(event, escalation: escalation)
    }

    /// Runs `ingestOne` in a savepoint and reports its outcome or its error in domain terms.
    ///
    /// A failed statement only spoils the savepoint, so the batch goes on after an event that broke
    /// a constraint or a rule. Any other error (the connection or the server failed, or PostgreSQL
    /// reports a serialization failure that only a rerun of the whole transaction cures) is thrown,
    /// and fails the batch as a whole.
    static func ingestInSavepoint(
        _ db: Session,
        _ event: InboundEvent,
        _ analysis: InboundTextAnalysis,
        reopenWindow: TimeInterval,
        floodLimits: FloodLimits
    ) async throws -> Result<IngestOutcome, any Error> {
        do {
            let outcome = try await db.inSavepoint {
                try await ingestOne(db, event, analysis, reopenWindow: reopenWindow, floodLimits: floodLimits)
            }
            return .success(outcome)
        } catch is DuplicateDelivery {
            return .success(.duplicate)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23503" {
            return .failure(StoreError.notFound("channel \(event.channelID)"))
        } catch let error as PSQLError where error.serverInfo?[.sqlState]?.hasPrefix("23") == true {
            return .failure(error)
        } catch let error as StoreError {
            return .failure(error)
        }
    }

    /// The work for one event: claim the delivery key, load the snapshot, let `IngestDecision`
    /// decide, apply its changes and append its events.
    /// - Throws: `DuplicateDelivery` to roll back the receipt of a message stored under another key.
    static func ingestOne(
        _ db: Session,
        _ event: InboundEvent,
        _ analysis: InboundTextAnalysis,
        reopenWindow: TimeInterval,
        floodLimits: FloodLimits
    ) async throws -> IngestOutcome {
        guard try await IngestWrites.claimReceipt(db, event) else { return .duplicate }
        var snapshot = try await IngestSnapshotLoader(db: db, event: event, floodLimits: floodLimits).load()
        var plan = IngestDecision.decide(event, snapshot, analysis, reopenWindow: reopenWindow)
        // Same message under a new delivery key (a messenger retry): roll back the receipt too.
        guard !plan.isDuplicate else { throw DuplicateDelivery() }
        // The snapshot named the rows the plan may create with placeholders; only the sequences of
        // the rows it does create are drawn, and the plan is decided again with those ids (the
        // decision is pure, so it takes the same course).
        let needs = IngestWrites.NewRows(plan.changes)
        if !needs.isEmpty {
            snapshot.nextIDs = try await IngestSnapshotLoader.reserveIDs(db, needs)
            plan = IngestDecision.decide(event, snapshot, analysis, reopenWindow: reopenWindow)
        }
        try await IngestWrites(db: db).apply(plan.changes)
        var events = EventAppender(db)
        try await events.append(plan.events)
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
