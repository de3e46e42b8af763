import Foundation
import SwitchboardCore

/// An event log in memory for bus tests: what a test commits, read back as the store's log would be.
actor MemoryEventLog: EventLog {
    private var committed: [Event] = []

    func events(after seq: Int64, limit: Int) -> [Event] {
        Array(committed.filter { $0.seq > seq }.prefix(limit))
    }

    func latestSeq() -> Int64 { committed.last?.seq ?? 0 }

    /// Appends `count` events and returns them, as one committed transaction.
    func commit(_ count: Int) -> [Event] {
        let first = (committed.last?.seq ?? 0) + 1
        let new = (first..<first + Int64(count)).map { Event(seq: $0, kind: .messageCreated, occurredAt: Date(timeIntervalSince1970: 0)) }
        committed += new
        return new
    }
}

/// The seqs of the next `count` events a subscription yields.
func takeSeqs(_ count: Int, from subscription: EventSubscription) async throws -> [Int64] {
    var seqs: [Int64] = []
    for try await event in subscription {
        seqs.append(event.seq)
        if seqs.count == count { break }
    }
    return seqs
}
