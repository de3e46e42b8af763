import SwitchboardCore

/// Outcomes of send attempts this process could not record, by message.
///
/// A row whose outcome is here is not sent again when it is claimed after its lease: the outcome
/// is recorded instead. It holds at most one entry per outbox row whose every write failed, and an
/// entry goes as soon as its write succeeds; a restart forgets it (the row is then sent once more).
actor UnrecordedOutcomes {
    private var outcomes: [MessageID: DeliveryReport] = [:]

    /// Keeps `report` until it is recorded.
    func remember(_ report: DeliveryReport) {
        outcomes[report.messageID] = report
    }

    /// The kept outcome of a message, if any.
    func outcome(for id: MessageID) -> DeliveryReport? {
        outcomes[id]
    }

    /// Drops the outcome of a message once it is recorded.
    func forget(_ id: MessageID) {
        outcomes[id] = nil
    }
}
