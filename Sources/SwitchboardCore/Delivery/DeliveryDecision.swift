public import Foundation

/// A delivery report the messenger sent before Switchboard recorded "sent" for that message.
public struct EarlyReceipt: Sendable, Equatable {
    public var state: DeliveryState
    public var reason: String?

    public init(state: DeliveryState, reason: String? = nil) {
        self.state = state
        self.reason = reason
    }
}

/// One row change of recording a send attempt.
public enum DeliveryChange: Sendable, Equatable {
    /// The attempt is over for good: the outbox row goes.
    case removeFromOutbox(MessageID)
    /// The messenger accepted it, under its own id when it gave one.
    case markSent(MessageID, externalID: String?)
    case scheduleRetry(MessageID, at: Date, reason: String)
    /// The messenger accepted these parts of the message: part `index` under `externalIDs[index]`.
    case recordAcknowledgedParts(MessageID, externalIDs: [String])
    case setState(MessageID, DeliveryState, reason: String?)
    /// The messenger says the client cannot be reached on the conversation's identity.
    case markUnreachable(ConversationID)
    /// The early receipts were applied (or were stale).
    case forgetEarlyReceipts(externalID: String)
}

/// Decides what the result of a send attempt changes: the message's ticks only ever move forward,
/// a retry is recorded only while the message is still in the outbox, and receipts that arrived
/// before "sent" are applied when it is recorded, the furthest state winning.
public enum DeliveryDecision {
    /// The changes and the events for `report`.
    /// - Parameters:
    ///   - message: the outbound message the report is about.
    ///   - inOutbox: the message still has its outbox row.
    ///   - earlyReceipts: receipts kept for the external id the report names, in state order (delivered, failed, seen).
    /// - Throws: `StoreError.invalid` for a message that is not outbound.
    public static func decide(
        _ report: DeliveryReport,
        message: Message,
        inOutbox: Bool,
        earlyReceipts: [EarlyReceipt],
        at now: Date
    ) throws(StoreError) -> (changes: [DeliveryChange], events: [EventDraft]) {
        guard let current = message.deliveryState else { throw .invalid("message \(message.id) is not outbound") }
        var changes: [DeliveryChange] = []
        var events: [EventDraft] = []
        func announce(_ state: DeliveryState, reason: String? = nil, nextAttemptAt: Date? = nil) {
            let payload = DeliveryPayload(
                messageID: message.id,
                conversationID: message.conversationID,
                state: state,
                reason: reason,
                nextAttemptAt: nextAttemptAt
            )
            events.append(
                EventDraft(.messageDelivery, at: now, conversation: message.conversationID, message: message.id, payload: .delivery(payload))
            )
        }
        switch report {
        case .sent(_, let externalID):
            changes.append(.removeFromOutbox(message.id))
            guard current.accepts(.sent) else { break }
            changes.append(.markSent(message.id, externalID: externalID))
            announce(.sent)
            guard let externalID, !earlyReceipts.isEmpty else { break }
            changes.append(.forgetEarlyReceipts(externalID: externalID))
            var state = DeliveryState.sent
            var reason: String?
            for receipt in earlyReceipts where state.accepts(receipt.state) {
                state = receipt.state
                reason = receipt.reason
            }
            guard state != .sent else { break }
            changes.append(.setState(message.id, state, reason: reason))
            announce(state, reason: reason)
        case .retry(_, let date, let reason, let progress):
            guard inOutbox else { break }
            changes.append(.scheduleRetry(message.id, at: date, reason: reason))
            if !progress.acknowledgedParts.isEmpty {
                changes.append(.recordAcknowledgedParts(message.id, externalIDs: progress.acknowledgedParts))
            }
            announce(current, reason: reason, nextAttemptAt: date)
        case .failed(_, let reason, let unreachable):
            changes.append(.removeFromOutbox(message.id))
            if unreachable { changes.append(.markUnreachable(message.conversationID)) }
            guard current.accepts(.failed) else { break }
            changes.append(.setState(message.id, .failed, reason: reason))
            announce(.failed, reason: reason)
        }
        return (changes, events)
    }
}
