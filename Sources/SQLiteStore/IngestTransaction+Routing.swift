import Foundation
import GRDB
import SwitchboardCore

extension IngestTransaction {
    /// Tags a client message positive or negative and counts it on its conversation.
    func tagSentiment(_ message: Message) throws -> Sentiment? {
        guard let sentiment = Sentiment.classify(message.text) else { return nil }
        let counter = sentiment == .positive ? "positive_count" : "negative_count"
        try db.cachedExecute(sql: "UPDATE messages SET sentiment = ? WHERE id = ?", arguments: [sentiment.rawValue, message.id.rawValue])
        try db.cachedExecute(sql: "UPDATE conversations SET \(counter) = \(counter) + 1 WHERE id = ?", arguments: [message.conversationID.rawValue])
        return sentiment
    }

    /// Puts a conversation nobody holds in its queue, and moves it to the front when the client
    /// asks for a human (once per conversation: a second "operator!" changes nothing). A
    /// conversation held by an operator who is not online is released into the queue when the
    /// client comes back to it after it was resolved, or asks for a human.
    mutating func queueAndEscalate(_ message: Message, contact: ContactID) throws {
        guard
            let row = try db.cachedRow(
                sql: """
                    SELECT c.assignee_id, c.department_id, c.priority, c.status, o.status AS holder_status
                    FROM conversations c LEFT JOIN operators o ON o.id = c.assignee_id WHERE c.id = ?
                    """,
                arguments: [message.conversationID.rawValue]
            ), (row["status"] as String) == ConversationStatus.open.rawValue, (row["holder_status"] as String?) != "online"
        else { return }
        let settings = try SQLiteStore.readRoutingSettings(db)
        let trigger = Escalation.trigger(in: message.text, words: settings.escalationWords)
        if let holder = row["assignee_id"] as Int64? {
            guard trigger != nil || reopened(message.conversationID) else { return }
            try release(message.conversationID, contact: contact, holder: holder)
        }
        let now = event.occurredAt.timeIntervalSince1970
        try db.cachedExecute(
            sql: "UPDATE conversations SET queued_at = COALESCE(queued_at, ?) WHERE id = ?",
            arguments: [now, message.conversationID.rawValue]
        )
        if trigger == nil, opened(message.conversationID) { try awaitDepartmentChoice(message.conversationID) }
        guard let trigger, (row["priority"] as Int) == 0 else { return }
        try db.cachedExecute(
            // A client who asks for a human is not kept waiting for a department choice either.
            sql: "UPDATE conversations SET priority = 1, escalated_at = ?, awaiting_department = 0 WHERE id = ?",
            arguments: [now, message.conversationID.rawValue]
        )
        let payload = EscalationPayload(
            conversationID: message.conversationID,
            messageID: message.id,
            trigger: trigger,
            departmentID: (row["department_id"] as Int64?).map(DepartmentID.init),
            language: event.sender.language
        )
        try events.append(.conversationEscalated, at: event.occurredAt, contact: contact, conversation: message.conversationID, payload: payload)
    }

    /// Whether this ingest opened the conversation.
    private func opened(_ conversationID: ConversationID) -> Bool {
        events.appended.contains { $0.kind == .conversationOpened && $0.conversationID == conversationID }
    }

    /// On a channel that asks the client for a department (and has departments to offer), a new
    /// conversation waits for the choice before it is assigned (see `ChannelRouting.departmentChoiceWait`).
    private func awaitDepartmentChoice(_ conversationID: ConversationID) throws {
        try db.cachedExecute(
            sql: """
                UPDATE conversations SET awaiting_department = 1
                WHERE id = ? AND EXISTS (SELECT 1 FROM channels WHERE id = ? AND ask_department = 1)
                  AND EXISTS (SELECT 1 FROM departments)
                """,
            arguments: [conversationID.rawValue, event.channelID.rawValue]
        )
    }

    /// Whether this ingest reopened the conversation (a client message after it was resolved).
    private func reopened(_ conversationID: ConversationID) -> Bool {
        events.appended.contains { event in
            event.kind == .conversationStatusChanged && event.conversationID == conversationID && event.payload.contains(#""reopened":true"#)
        }
    }

    /// Takes the conversation from an operator who is not there, remembering them so stickiness
    /// brings the client back to them once they are online with room.
    private mutating func release(_ conversationID: ConversationID, contact: ContactID, holder: Int64) throws {
        try db.cachedExecute(
            sql: "UPDATE conversations SET assignee_id = NULL, previous_assignee_id = ? WHERE id = ?",
            arguments: [holder, conversationID.rawValue]
        )
        let payload = AssignmentPayload(conversationID: conversationID, from: OperatorID(holder), to: nil, byOperatorID: nil, note: nil)
        try events.append(.conversationAssigned, at: event.occurredAt, contact: contact, conversation: conversationID, payload: payload)
    }
}
