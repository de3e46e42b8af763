public import Foundation

/// An operator's change of who holds a conversation: take it, give it to a colleague, or release it to the queue.
public struct AssignmentChange: Sendable, Equatable {
    public var conversationID: ConversationID
    /// The new holder; nil releases the conversation.
    public var assigneeID: OperatorID?
    /// Released, it waits in its department's queue again from now; assigned, it leaves the queue (nil).
    public var queuedAt: Date?
    /// The `conversation.assigned` event.
    public var events: [EventDraft]

    /// Decides a manual assignment.
    /// - Parameters:
    ///   - conversation: the conversation as it is now.
    ///   - assignee: the new holder, nil to release.
    ///   - expected: who the operator saw holding it; the change applies only if that is still so.
    ///   - assigneeIsActive: whether the new holder is an active operator account.
    ///   - actor: the operator making the change.
    ///   - note: the operator's note for the colleague, if any.
    ///   - now: the time of the change.
    /// - Returns: the change, or nil when the conversation already has that holder.
    /// - Throws: `AssignmentConflict` naming the holder when it changed hands since the operator looked;
    ///   `StoreError.notFound` when the assignee is not an active operator: only they may hold conversations.
    public static func decide(
        _ conversation: Conversation,
        to assignee: OperatorID?,
        expecting expected: HolderExpectation = .anyone,
        assigneeIsActive: Bool,
        by actor: OperatorID,
        note: String?,
        at now: Date
    ) throws -> AssignmentChange? {
        // Pressing Take twice, or two operators giving it to the same colleague, changes nothing and is no conflict.
        guard conversation.assigneeID != assignee else { return nil }
        guard expected.isMet(by: conversation.assigneeID) else { throw AssignmentConflict(holder: conversation.assigneeID) }
        if let assignee, !assigneeIsActive { throw StoreError.notFound("operator \(assignee)") }
        let payload = AssignmentPayload(conversationID: conversation.id, from: conversation.assigneeID, to: assignee, byOperatorID: actor, note: note)
        return AssignmentChange(
            conversationID: conversation.id,
            assigneeID: assignee,
            queuedAt: assignee == nil ? now : nil,
            events: [.assigned(payload, contact: conversation.contactID, at: now)]
        )
    }
}
