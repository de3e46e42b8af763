/// Where channel adapters hand inbound events: the engine's router, behind a port so
/// channel modules never import the engine or a store.
public protocol InboundSink: Sendable {
    /// Commits the event; the adapter acknowledges the messenger only after this returns.
    /// - Throws: when the event could not be committed; the adapter must not acknowledge then.
    func ingest(_ event: InboundEvent) async throws -> IngestOutcome
    /// Commits events in order, together where the sink can (one transaction for a polled page);
    /// each event succeeds or fails on its own.
    /// - Returns: one result per event, in order; the adapter acknowledges only those that succeeded.
    func ingest(_ events: [InboundEvent]) async -> [Result<IngestOutcome, any Error>]
}

extension InboundSink {
    /// One event after the other, for sinks that cannot commit a group together.
    public func ingest(_ events: [InboundEvent]) async -> [Result<IngestOutcome, any Error>] {
        var results: [Result<IngestOutcome, any Error>] = []
        for event in events {
            do {
                results.append(.success(try await ingest(event)))
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }
}
