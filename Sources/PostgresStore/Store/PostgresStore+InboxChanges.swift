public import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func addNote(conversationID: ConversationID, operatorID: OperatorID, text: String, at now: Date) async throws -> EnqueuedReply {
        try InternalNote.validate(text)
        return try await write { db in
            var events = EventAppender(db)
            let message = try await Self.writeNote(
                db,
                conversationID: conversationID,
                operatorID: operatorID,
                text: text,
                at: now,
                events: &events
            )
            return EnqueuedReply(message: message, events: events.appended)
        }
    }

    /// Stores an operator's internal note with its event, inside the caller's transaction.
    static func writeNote(
        _ db: Session,
        conversationID: ConversationID,
        operatorID: OperatorID,
        text: String,
        at now: Date,
        events: inout EventAppender
    ) async throws -> Message {
        guard let conversation = try await Self.fetchConversation(db, conversationID) else {
            throw StoreError.notFound("conversation \(conversationID)")
        }
        let id = try await Self.mapConstraint("note by operator \(operatorID)") {
            try await db.insert(
                sql: """
                    INSERT INTO messages (conversation_id, channel_id, direction, author_kind, author_operator_id, text, created_at)
                    VALUES (?, ?, 'note', 'operator', ?, ?, ?)
                    """,
                arguments: [conversationID.rawValue, conversation.channelID.rawValue, operatorID.rawValue, text, now.timeIntervalSince1970]
            )
        }
        let message = Message(
            id: MessageID(id),
            conversationID: conversationID,
            direction: .internalNote,
            author: .operator(operatorID),
            text: text,
            createdAt: now
        )
        try await events.append([.messageCreated(message, contact: conversation.contactID)])
        return message
    }

    public func assign(
        _ conversationID: ConversationID,
        to assignee: OperatorID?,
        expecting expected: HolderExpectation,
        by actor: OperatorID,
        note: String?,
        at now: Date
    ) async throws -> [Event] {
        try await write { db in
            guard let conversation = try await Self.fetchConversation(db, conversationID) else {
                throw StoreError.notFound("conversation \(conversationID)")
            }
            var active: Bool?
            if let assignee {
                active = try await db.row(sql: "SELECT 1 FROM operators WHERE id = ? AND active = 1", arguments: [assignee.rawValue]) != nil
            }
            let decision = try AssignmentChange.decide(
                conversation,
                to: assignee,
                expecting: expected,
                assigneeIsActive: active ?? false,
                by: actor,
                note: note,
                at: now
            )
            guard let change = decision else { return [] }
            try await db.execute(
                sql: "UPDATE conversations SET assignee_id = ?, queued_at = ? WHERE id = ?",
                arguments: [change.assigneeID?.rawValue, change.queuedAt?.timeIntervalSince1970, conversationID.rawValue]
            )
            var events = EventAppender(db)
            try await events.append(change.events)
            return events.appended
        }
    }

    public func updateContact(_ id: ContactID, preferredName: String??, notes: String?, at now: Date) async throws -> (Contact, [Event]) {
        try await write { db in
            guard let row = try await db.row(sql: "SELECT * FROM contacts WHERE id = ?", arguments: [id.rawValue]) else {
                throw StoreError.notFound("contact \(id)")
            }
            let contact = try RowDecoding.contact(row).edited(preferredName: preferredName, notes: notes)
            try await db.execute(
                sql: "UPDATE contacts SET preferred_name = ?, notes = ? WHERE id = ?",
                arguments: [contact.preferredName, contact.notes, id.rawValue]
            )
            var events = EventAppender(db)
            try await events.append(.contactUpdated, at: now, contact: id, payload: contact)
            return (contact, events.appended)
        }
    }
}
