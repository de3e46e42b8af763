import GRDB
import SwitchboardCore
import Synchronization

/// Settings ingest reads for every message, kept in memory: loaded when the store opens and
/// replaced when the store commits a change to them, so no message queries or decodes them.
///
/// Only this process writes them (through `saveRoutingSettings`); a change replaces the value
/// after its commit, on the writer, so two saves cannot leave the older one in memory.
final class IngestSettingsMemory: Sendable {
    private let escalation: Mutex<EscalationWords>

    init(escalation: EscalationWords) {
        self.escalation = Mutex(escalation)
    }

    /// The desk's escalation words with their matcher.
    var escalationWords: EscalationWords {
        escalation.withLock { $0 }
    }

    /// Replaces the escalation words once the transaction that saved them commits.
    func replace(_ words: EscalationWords, whenCommitted db: Database) {
        db.afterNextTransaction(onCommit: { _ in self.escalation.withLock { $0 = words } })
    }
}
