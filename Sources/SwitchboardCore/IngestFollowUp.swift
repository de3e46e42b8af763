/// Work that reacts to a committed inbound event (link commands, codes, phone matches).
///
/// It runs after the event's own transaction committed; a failure here never un-ingests the event.
public protocol IngestFollowUp: Sendable {
    /// Reacts to a newly committed event.
    func handle(_ event: InboundEvent, _ result: IngestResult) async throws
}
