public import Foundation

/// A conversation's move to another department: it leaves its holder and waits in the new department's queue.
public struct DepartmentTransfer: Sendable, Equatable {
    public var conversationID: ConversationID
    public var departmentID: DepartmentID
    /// It waits in the new department's queue from now; the client no longer picks a department.
    public var queuedAt: Date
    /// `conversation.department_changed`, then `conversation.assigned` (a release) when someone held it.
    public var events: [EventDraft]

    /// Decides a transfer.
    /// - Parameters:
    ///   - conversation: the conversation as it is now.
    ///   - department: the department it moves to.
    ///   - actor: the operator moving it; nil when the system does.
    ///   - note: the note for the new department, if any.
    ///   - now: the time of the transfer.
    public init(_ conversation: Conversation, to department: DepartmentID, by actor: OperatorID?, note: String?, at now: Date) {
        conversationID = conversation.id
        departmentID = department
        queuedAt = now
        let change = DepartmentChangePayload(
            conversationID: conversation.id,
            from: conversation.departmentID,
            to: department,
            byOperatorID: actor,
            note: note
        )
        events = [
            EventDraft(
                .conversationDepartmentChanged,
                at: now,
                contact: conversation.contactID,
                conversation: conversation.id,
                payload: .departmentChange(change)
            )
        ]
        if conversation.assigneeID != nil {
            let release = AssignmentPayload(conversationID: conversation.id, from: conversation.assigneeID, to: nil, byOperatorID: actor, note: note)
            events.append(.assigned(release, contact: conversation.contactID, at: now))
        }
    }
}
