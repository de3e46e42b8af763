public import Logging
public import SwitchboardCore

/// The one place where an inbound event becomes state: it commits through the store, then publishes.
///
/// Channel adapters call `ingest` and acknowledge the messenger only after it returns.
public struct InboundRouter: Sendable {
    let store: any Store
    let bus: any EventBus
    let logger: Logger
    let followUp: (any IngestFollowUp)?

    /// Creates a router.
    /// - Parameter followUp: reacts to each new event after it committed (identity linking).
    public init(store: any Store, bus: any EventBus, logger: Logger, followUp: (any IngestFollowUp)? = nil) {
        self.store = store
        self.bus = bus
        self.logger = logger
        self.followUp = followUp
    }

    /// Commits an inbound event and publishes what it changed.
    /// - Returns: `.duplicate` for a redelivery, which the adapter acknowledges like a new one.
    /// - Throws: the store's error; the adapter must then not acknowledge, so the messenger redelivers.
    @discardableResult
    public func ingest(_ event: InboundEvent) async throws -> IngestOutcome {
        let outcome = try await store.ingest(event)
        switch outcome {
        case .new(let result):
            await bus.publish(result.events)
            do {
                try await followUp?.handle(event, result)
            } catch {
                // The event is committed and acknowledged regardless; the follow-up is best effort.
                logger.error("follow-up of an inbound event failed", metadata: ["channel": "\(event.channelID)", "error": "\(error)"])
            }
        case .duplicate:
            logger.debug("duplicate delivery ignored", metadata: ["channel": "\(event.channelID)", "delivery": "\(event.deliveryKey)"])
        }
        return outcome
    }
}

extension InboundRouter: InboundSink {}
