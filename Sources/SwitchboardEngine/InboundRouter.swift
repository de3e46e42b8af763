public import Logging
public import SwitchboardCore

/// The one place where an inbound event becomes state: it commits through the store, then publishes.
///
/// Events arriving together share one transaction (`IngestBatcher`). Channel adapters call
/// `ingest` and acknowledge the messenger only after it returns, which is after the commit.
public struct InboundRouter: Sendable {
    let batcher: IngestBatcher
    let logger: Logger
    let followUp: (any IngestFollowUp)?

    /// Creates a router.
    /// - Parameters:
    ///   - followUp: reacts to each new event after it committed (identity linking).
    ///   - maxBatch: the most events one ingest transaction takes.
    public init(
        store: any Store,
        bus: any EventBus,
        logger: Logger,
        followUp: (any IngestFollowUp)? = nil,
        maxBatch: Int = IngestBatcher.defaultMaxBatch
    ) {
        self.batcher = IngestBatcher(store: store, bus: bus, maxBatch: maxBatch)
        self.logger = logger
        self.followUp = followUp
    }

    /// Commits an inbound event and publishes what it changed.
    /// - Returns: `.duplicate` for a redelivery, which the adapter acknowledges like a new one.
    /// - Throws: the store's error; the adapter must then not acknowledge, so the messenger redelivers.
    @discardableResult
    public func ingest(_ event: InboundEvent) async throws -> IngestOutcome {
        try await ingest([event])[0].get()
    }

    /// Commits events in order within one batch and publishes what they changed; each event
    /// succeeds or fails on its own.
    /// - Returns: one result per event; the adapter acknowledges the events that did not fail.
    public func ingest(_ events: [InboundEvent]) async -> [Result<IngestOutcome, any Error>] {
        let results = await batcher.ingest(events)
        for (event, result) in zip(events, results) {
            await react(to: event, result)
        }
        return results
    }

    /// Runs the follow-up of a new event and logs a duplicate; a failed event is the adapter's to report.
    private func react(to event: InboundEvent, _ result: Result<IngestOutcome, any Error>) async {
        switch result {
        case .success(.new(let ingested)):
            do {
                try await followUp?.handle(event, ingested)
            } catch {
                // The event is committed and acknowledged regardless; the follow-up is best effort.
                logger.error("follow-up of an inbound event failed", metadata: ["channel": "\(event.channelID)", "error": "\(error)"])
            }
        case .success(.duplicate):
            logger.debug("duplicate delivery ignored", metadata: ["channel": "\(event.channelID)", "delivery": "\(event.deliveryKey)"])
        case .failure:
            break
        }
    }
}

extension InboundRouter: InboundSink {}
