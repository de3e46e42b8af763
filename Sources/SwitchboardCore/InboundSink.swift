/// Where channel adapters hand inbound events: the engine's router, behind a port so
/// channel modules never import the engine or a store.
public protocol InboundSink: Sendable {
    /// Commits the event; the adapter acknowledges the messenger only after this returns.
    /// - Throws: when the event could not be committed; the adapter must not acknowledge then.
    func ingest(_ event: InboundEvent) async throws -> IngestOutcome
}
