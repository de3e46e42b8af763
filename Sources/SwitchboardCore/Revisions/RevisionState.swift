/// How far an operator's edit or deletion got on its way to the messenger.
public enum RevisionState: String, Sendable, Codable, CaseIterable {
    /// Stored; the dispatcher has not carried it to the messenger yet.
    case queued
    /// The messenger applied it.
    case sent
    /// The messenger refused it for good; the reason is shown to the operator.
    case failed
}
