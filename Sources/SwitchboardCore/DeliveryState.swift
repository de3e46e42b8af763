/// Delivery of an outbound message: queued → sent → delivered → seen, or failed with a reason.
public enum DeliveryState: String, Sendable, Codable, CaseIterable {
    case queued
    case sent
    case delivered
    case seen
    case failed

    /// Position along the happy path; `failed` sits outside it.
    private var rank: Int? {
        switch self {
        case .queued: 0
        case .sent: 1
        case .delivered: 2
        case .seen: 3
        case .failed: nil
        }
    }

    /// Whether a report of `next` should replace this state.
    ///
    /// Messengers report out of order (Viber may send `delivered` after `seen`), so a report
    /// only ever moves the state forward; `failed` is final and only reachable before delivery.
    public func accepts(_ next: DeliveryState) -> Bool {
        guard let current = rank else { return false }
        guard let nextRank = next.rank else { return self == .queued || self == .sent }
        return nextRank > current
    }
}
