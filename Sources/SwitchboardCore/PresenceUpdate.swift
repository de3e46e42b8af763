public import Foundation

/// An operator's presence change: the operator after it, the presence-log row and the event.
public struct PresenceUpdate: Sendable, Equatable {
    public var operatorAfter: Operator
    public var log: PresenceLogEntry
    public var event: EventDraft

    /// The change to `status`, nil when the operator already has it (no log row, no event).
    public static func decide(_ current: Operator, to status: PresenceStatus, reason: PresenceChangeReason, at now: Date) -> PresenceUpdate? {
        guard current.status != status else { return nil }
        var after = current
        after.status = status
        let payload = PresencePayload(operatorID: current.id, status: status, previous: current.status, reason: reason)
        return PresenceUpdate(
            operatorAfter: after,
            log: PresenceLogEntry(operatorID: current.id, status: status, at: now, reason: reason),
            event: EventDraft(.operatorPresenceChanged, at: now, payload: .presence(payload))
        )
    }
}
