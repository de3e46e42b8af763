/// One messenger bot's side of revising sent messages; adapters whose messenger allows it conform.
public protocol MessageReviser: Sendable {
    /// Replaces the text (or the caption of the lone file) of the message `item.externalIDs` names.
    /// - Throws: `DeliveryFailure`, classified as for sending.
    func edit(_ item: RevisionItem) async throws
    /// Deletes every part of the message. A part the messenger no longer has counts as deleted, so a
    /// retry after a partial deletion finishes the rest.
    /// - Throws: `DeliveryFailure`, classified as for sending.
    func delete(_ item: RevisionItem) async throws
}
