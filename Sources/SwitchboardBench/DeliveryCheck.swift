/// The verdict "stored exactly once and shown to the operator" over one run's messages.
public struct DeliveryCheck: Sendable, Equatable {
    /// Acknowledged, yet not in the database: the messenger would never send them again.
    public var lost: [Int]
    /// In the database more than once.
    public var doubled: [Int]
    /// Acknowledged but never carried by a `message.created` frame on the operator's stream.
    public var unseen: [Int]
    /// Carried by more than one `message.created` frame.
    public var shownTwice: [Int]
    /// Sent but answered with an error or not at all: a valid signed callback must be acknowledged.
    public var refused: [Int]
    /// How many were acknowledged.
    public var acknowledged: Int

    /// Checks the ledger against the stored rows.
    /// - Parameters:
    ///   - records: what the run sent, as the ledger has it.
    ///   - stored: how many rows carry each message's marker.
    ///   - streamed: whether a WebSocket listened (the minimal server has none).
    public init(records: [Int: DeliveryLedger.Record], stored: [Int: Int], streamed: Bool) {
        let sent = records.filter { $0.value.phase >= 0 }
        lost = sent.filter { $0.value.isAcknowledged && stored[$0.key, default: 0] == 0 }.map(\.key).sorted()
        doubled = stored.filter { $0.value > 1 }.map(\.key).sorted()
        unseen = streamed ? sent.filter { $0.value.isAcknowledged && $0.value.frames == 0 }.map(\.key).sorted() : []
        shownTwice = streamed ? records.filter { $0.value.frames > 1 }.map(\.key).sorted() : []
        refused = sent.filter { !$0.value.isAcknowledged }.map(\.key).sorted()
        acknowledged = sent.count(where: { $0.value.isAcknowledged })
    }

    /// Whether nothing was lost, doubled, unseen or refused.
    public var isClean: Bool { lost.isEmpty && doubled.isEmpty && unseen.isEmpty && shownTwice.isEmpty && refused.isEmpty }

    /// One line per kind of failure, naming a few of the messages; empty when clean.
    public var problems: [String] {
        func line(_ numbers: [Int], _ what: String) -> String? {
            guard !numbers.isEmpty else { return nil }
            let sample = numbers.prefix(5).map(String.init).joined(separator: ", ")
            return "\(numbers.count) \(what) (messages \(sample)\(numbers.count > 5 ? ", …" : ""))"
        }
        return [
            line(lost, "acknowledged but not stored: LOST"),
            line(doubled, "stored more than once: DOUBLED"),
            line(unseen, "acknowledged but never reached the operator's WebSocket"),
            line(shownTwice, "reached the operator's WebSocket more than once"),
            line(refused, "not acknowledged (error status or no answer)"),
        ].compactMap { $0 }
    }
}
