import Foundation
import GRDB
import SwitchboardCore

extension IngestTransaction {
    /// The client's latest conversation on this identity.
    private func latestConversation(_ identity: Identity) throws -> Conversation? {
        try db.cachedRow(
            sql: "SELECT * FROM conversations WHERE identity_id = ? ORDER BY id DESC LIMIT 1",
            arguments: [identity.id.rawValue]
        ).map(RowDecoding.conversation)
    }

    /// A pressed automation button: moves the feedback on when it fits, and is logged either way,
    /// never stored as client text.
    mutating func recordButtonPress(_ identity: Identity, action: String) throws -> ConversationID? {
        let conversation = try latestConversation(identity)
        var applied = false
        if let conversation, let feedback = try SQLiteStore.fetchFeedback(db, conversation.id),
            let next = FeedbackFlow.press(action, on: feedback, at: event.occurredAt)
        {
            try SQLiteStore.saveFeedback(db, next)
            try events.append(.conversationFeedback, at: event.occurredAt, contact: identity.contactID, conversation: conversation.id, payload: next)
            applied = true
        }
        if !applied, let conversation, let department = DepartmentChoice.department(in: action) {
            applied = try chooseDepartment(department, in: conversation, contact: identity.contactID)
        }
        let payload = ButtonPressPayload(conversationID: conversation?.id, action: action, applied: applied)
        try events.append(.buttonPressed, at: event.occurredAt, contact: identity.contactID, conversation: conversation?.id, payload: payload)
        return conversation?.id
    }

    /// The client picked a team on the start keyboard: the conversation waits in that department's
    /// queue. Only while it still waits for the choice, so an old keyboard cannot move it later.
    private mutating func chooseDepartment(_ department: DepartmentID, in conversation: Conversation, contact: ContactID) throws -> Bool {
        guard try db.cachedRow(sql: "SELECT 1 FROM departments WHERE id = ?", arguments: [department.rawValue]) != nil else { return false }
        try db.cachedExecute(
            sql: """
                UPDATE conversations SET department_id = ?, queued_at = ?, awaiting_department = 0
                WHERE id = ? AND awaiting_department = 1 AND status != 'resolved'
                """,
            arguments: [department.rawValue, event.occurredAt.timeIntervalSince1970, conversation.id.rawValue]
        )
        guard db.changesCount > 0 else { return false }
        let change = DepartmentChangePayload(
            conversationID: conversation.id,
            from: conversation.departmentID,
            to: department,
            byOperatorID: nil,
            note: nil
        )
        try events.append(.conversationDepartmentChanged, at: event.occurredAt, contact: contact, conversation: conversation.id, payload: change)
        return true
    }

    /// Offers a client's text to the feedback of the latest conversation first.
    /// - Returns: the conversation when the text was the feedback comment (and must not become a message).
    mutating func captureFeedbackText(_ identity: Identity, text: String) throws -> ConversationID? {
        guard let conversation = try latestConversation(identity), let feedback = try SQLiteStore.fetchFeedback(db, conversation.id) else {
            return nil
        }
        switch FeedbackFlow.text(text, on: feedback, at: event.occurredAt) {
        case .notFeedback:
            return nil
        case .skipped(let next):
            try SQLiteStore.saveFeedback(db, next)
            try events.append(.conversationFeedback, at: event.occurredAt, contact: identity.contactID, conversation: conversation.id, payload: next)
            return nil
        case .captured(let next):
            try SQLiteStore.saveFeedback(db, next)
            try events.append(.conversationFeedback, at: event.occurredAt, contact: identity.contactID, conversation: conversation.id, payload: next)
            return conversation.id
        }
    }

    /// Whether the automation closed `conversation` and said a new message opens a new conversation;
    /// a message that does reopen it clears the mark, so a later operator's resolve is an ordinary one.
    func autoCloseForbidsReopen(_ conversation: Conversation) throws -> Bool {
        guard conversation.status == .resolved else { return false }
        let reopens = try db.cachedValue(
            Bool.self,
            sql: "SELECT reopens FROM automatic_closes WHERE conversation_id = ?",
            arguments: [conversation.id.rawValue]
        )
        return reopens == false
    }

    /// Forgets the automatic close of a conversation the client reopened.
    func clearAutoClose(_ conversationID: ConversationID) throws {
        try db.cachedExecute(sql: "DELETE FROM automatic_closes WHERE conversation_id = ?", arguments: [conversationID.rawValue])
    }
}
