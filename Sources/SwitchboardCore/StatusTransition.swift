public import Foundation

/// A conversation's status change by an operator's action or reply, with its event: the state
/// machine decides whether it moves, a resolution records its time, leaving `resolved` clears it.
public struct StatusTransition: Sendable, Equatable {
    /// The conversation after the change.
    public var conversation: Conversation
    public var event: EventDraft

    /// The change `trigger` makes, nil when the status stays as it is.
    /// - Throws: `StoreError.refused` when the trigger makes no sense in the current status.
    public static func decide(_ conversation: Conversation, _ trigger: ConversationTrigger, at now: Date) throws(StoreError) -> StatusTransition? {
        var machine = ConversationStateMachine(status: conversation.status)
        let action: ConversationStateMachine.Action
        do throws(RefusedTransition) {
            action = try machine.handle(trigger)
        } catch {
            throw .refused(error)
        }
        guard case .changed(let from, let to, let reopened) = action else { return nil }
        var changed = conversation
        changed.status = to
        changed.resolvedAt = to == .resolved ? now : nil
        let payload = StatusChangePayload(conversationID: conversation.id, from: from, to: to, reopened: reopened)
        return StatusTransition(conversation: changed, event: .statusChanged(payload, contact: conversation.contactID, at: now))
    }
}
