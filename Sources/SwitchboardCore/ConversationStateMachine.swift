/// What can happen to a conversation.
public enum ConversationTrigger: String, Sendable, CaseIterable {
    /// The client wrote.
    case clientMessage
    /// An operator replied.
    case operatorReply
    /// An operator put the conversation on hold / waits for the client.
    case markPending
    /// An operator closed it.
    case resolve
    /// An operator reopened it.
    case reopen
}

/// A transition the machine refused, with a reason an operator can read.
public struct RefusedTransition: Error, Equatable, Sendable, CustomStringConvertible {
    public let from: ConversationStatus
    public let trigger: ConversationTrigger

    /// Creates a refusal.
    public init(from: ConversationStatus, trigger: ConversationTrigger) {
        self.from = from
        self.trigger = trigger
    }

    public var description: String { "cannot \(trigger.rawValue) a conversation that is \(from.rawValue)" }
}

/// The conversation lifecycle: open → pending → resolved, reopened by a new client message.
///
/// A pure state machine: `handle` returns what changed and the caller (a store transaction)
/// persists it and appends the matching event.
public struct ConversationStateMachine: Sendable, Equatable {
    /// What a handled trigger did.
    public enum Action: Equatable, Sendable {
        /// Nothing to persist: the status stays as it was.
        case unchanged
        /// The status moved; `reopened` is true when it left `resolved`.
        case changed(from: ConversationStatus, to: ConversationStatus, reopened: Bool)
    }

    public private(set) var status: ConversationStatus

    /// Starts the machine in a given status.
    public init(status: ConversationStatus) {
        self.status = status
    }

    /// Applies a trigger.
    /// - Throws: `RefusedTransition` when the trigger makes no sense in the current status.
    public mutating func handle(_ trigger: ConversationTrigger) throws(RefusedTransition) -> Action {
        let next: ConversationStatus
        switch (status, trigger) {
        case (.open, .clientMessage), (.open, .operatorReply), (.pending, .operatorReply):
            return .unchanged
        case (.pending, .clientMessage), (.resolved, .clientMessage), (.resolved, .operatorReply), (.resolved, .reopen):
            next = .open
        case (.open, .markPending):
            next = .pending
        case (.open, .resolve), (.pending, .resolve):
            next = .resolved
        case (.pending, .markPending), (.resolved, .markPending), (.resolved, .resolve), (.open, .reopen), (.pending, .reopen):
            throw RefusedTransition(from: status, trigger: trigger)
        }
        let previous = status
        status = next
        return .changed(from: previous, to: next, reopened: previous == .resolved)
    }
}
