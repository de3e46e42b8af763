import Foundation
import GRDB
import SwitchboardCore

extension IngestTransaction {
    /// Places a client message in a conversation (opening or reopening one) and stores it.
    mutating func storeClientMessage(
        _ identity: Identity,
        externalID: String?,
        text: String,
        _ attachments: [Attachment],
        _ contextKey: String?
    ) throws -> (ConversationID, MessageID) {
        if let externalID, try messageID(externalID: externalID) != nil {
            // Same message under a new delivery key (a messenger retry): roll back the receipt too.
            throw DuplicateDelivery()
        }
        let pendingContext: String? = try db.cachedValue(
            String.self,
            sql: "SELECT pending_context_key FROM identities WHERE id = ?",
            arguments: [identity.id.rawValue]
        )
        let context = (contextKey ?? pendingContext).map { String($0.prefix(Self.maxStoredContextKey)) }
        if pendingContext != nil {
            try db.cachedExecute(sql: "UPDATE identities SET pending_context_key = NULL WHERE id = ?", arguments: [identity.id.rawValue])
        }
        let status = try context.map { try claimContext($0, for: identity) }
        let conversationID = try placeInConversation(identity, context: context, status: status)
        let now = event.occurredAt
        try db.cachedExecute(
            sql: """
                INSERT INTO messages (conversation_id, channel_id, direction, author_kind, text, attachments, external_id, created_at)
                VALUES (?, ?, 'in', 'client', ?, ?, ?, ?)
                """,
            arguments: [
                conversationID.rawValue, event.channelID.rawValue, text, try attachmentsJSON(attachments), externalID,
                now.timeIntervalSince1970,
            ]
        )
        var message = Message(
            id: MessageID(db.lastInsertedRowID),
            conversationID: conversationID,
            direction: .inbound,
            author: .client,
            text: text,
            attachments: attachments,
            externalID: externalID,
            createdAt: now
        )
        message.sentiment = try tagSentiment(message)
        try db.cachedExecute(
            sql: "UPDATE conversations SET last_message_at = ?, awaiting_reply = 1 WHERE id = ?",
            arguments: [now.timeIntervalSince1970, conversationID.rawValue]
        )
        try events.append(.messageCreated, at: now, contact: identity.contactID, conversation: conversationID, message: message.id, payload: message)
        try queueAndEscalate(message, contact: identity.contactID)
        try captureAddress(identity, text: text)
        return (conversationID, message.id)
    }

    /// Finds the conversation a client message belongs to, applying the pure placement rule and state machine.
    private mutating func placeInConversation(_ identity: Identity, context: String?, status: ContextStatus?) throws -> ConversationID {
        let now = event.occurredAt
        let latest = try db.cachedRow(
            sql: "SELECT * FROM conversations WHERE identity_id = ? ORDER BY id DESC LIMIT 1",
            arguments: [identity.id.rawValue]
        ).map(RowDecoding.conversation)
        if var conversation = latest, try !autoCloseForbidsReopen(conversation),
            ConversationPolicy.placeClientMessage(latest: latest, now: now, reopenWindow: reopenWindow) == .continueLatest
        {
            var machine = ConversationStateMachine(status: conversation.status)
            if case .changed(let from, let to, let reopened) = try machine.handle(.clientMessage) {
                try db.cachedExecute(
                    sql: "UPDATE conversations SET status = ?, resolved_at = NULL WHERE id = ?",
                    arguments: [to.rawValue, conversation.id.rawValue]
                )
                let change = StatusChangePayload(conversationID: conversation.id, from: from, to: to, reopened: reopened)
                try events.append(.conversationStatusChanged, at: now, contact: identity.contactID, conversation: conversation.id, payload: change)
                if reopened { try clearAutoClose(conversation.id) }
            }
            if let context, context != conversation.contextKey {
                conversation.contextKey = context
                try db.cachedExecute(
                    sql: "UPDATE conversations SET context_key = ?, context_status = ? WHERE id = ?",
                    arguments: [context, status?.rawValue, conversation.id.rawValue]
                )
                try events.append(.conversationContextSet, at: now, contact: identity.contactID, conversation: conversation.id, payload: conversation)
            }
            return conversation.id
        }
        let department: Int64? = try db.cachedValue(
            Int64.self,
            sql: "SELECT default_department_id FROM channels WHERE id = ?",
            arguments: [event.channelID.rawValue]
        )
        try db.cachedExecute(
            sql: """
                INSERT INTO conversations (contact_id, channel_id, identity_id, status, department_id, context_key, context_status,
                                           opened_at, last_message_at)
                VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?)
                """,
            arguments: [
                identity.contactID.rawValue, event.channelID.rawValue, identity.id.rawValue, department, context, status?.rawValue,
                now.timeIntervalSince1970, now.timeIntervalSince1970,
            ]
        )
        let conversation = Conversation(
            id: ConversationID(db.lastInsertedRowID),
            contactID: identity.contactID,
            channelID: event.channelID,
            identityID: identity.id,
            status: .open,
            departmentID: department.map(DepartmentID.init),
            contextKey: context,
            openedAt: now,
            lastMessageAt: now
        )
        try events.append(.conversationOpened, at: now, contact: identity.contactID, conversation: conversation.id, payload: conversation)
        return conversation.id
    }

    /// Applies a client's edit, keeping the previous text in the edit history.
    mutating func storeEdit(_ identity: Identity, externalID: String, text: String) throws -> (ConversationID, MessageID) {
        guard
            let row = try db.cachedRow(
                sql: "SELECT * FROM messages WHERE channel_id = ? AND external_id = ?",
                arguments: [event.channelID.rawValue, externalID]
            )
        else {
            // An edit of a message we never saw (sent before the bot was connected): keep it as a message.
            return try storeClientMessage(identity, externalID: externalID, text: text, [], nil)
        }
        var message = try RowDecoding.message(row)
        try db.cachedExecute(
            sql: "INSERT INTO message_edits (message_id, previous_text, edited_at) VALUES (?, ?, ?)",
            arguments: [message.id.rawValue, message.text, event.occurredAt.timeIntervalSince1970]
        )
        message.text = text
        message.editedAt = event.occurredAt
        try db.cachedExecute(
            sql: "UPDATE messages SET text = ?, edited_at = ? WHERE id = ?",
            arguments: [text, event.occurredAt.timeIntervalSince1970, message.id.rawValue]
        )
        try events.append(
            .messageEdited,
            at: event.occurredAt,
            contact: identity.contactID,
            conversation: message.conversationID,
            message: message.id,
            payload: message
        )
        return (message.conversationID, message.id)
    }

    /// Moves an outbound message's delivery state forward when the messenger reports it.
    mutating func updateDelivery(externalID: String, state: DeliveryState, reason: String?) throws -> (ConversationID?, MessageID?) {
        guard
            let row = try db.cachedRow(
                sql: "SELECT * FROM messages WHERE channel_id = ? AND external_id = ? AND direction = 'out'",
                arguments: [event.channelID.rawValue, externalID]
            )
        else {
            // Our "sent" record may still be on its way (the messenger answered the send and called back
            // at once): keep the receipt so recording "sent" applies it instead of losing it.
            if state != .queued && state != .sent {
                try db.cachedExecute(
                    sql: """
                        INSERT INTO early_receipts (channel_id, external_id, state, reason, received_at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING
                        """,
                    arguments: [event.channelID.rawValue, externalID, state.rawValue, reason, event.occurredAt.timeIntervalSince1970]
                )
            }
            return (nil, nil)
        }
        let message = try RowDecoding.message(row)
        guard let current = message.deliveryState, current.accepts(state) else { return (message.conversationID, message.id) }
        try db.cachedExecute(
            sql: "UPDATE messages SET delivery_state = ?, failure_reason = ? WHERE id = ?",
            arguments: [state.rawValue, reason, message.id.rawValue]
        )
        let payload = DeliveryPayload(messageID: message.id, conversationID: message.conversationID, state: state, reason: reason)
        try events.append(.messageDelivery, at: event.occurredAt, conversation: message.conversationID, message: message.id, payload: payload)
        return (message.conversationID, message.id)
    }

    private func messageID(externalID: String) throws -> Int64? {
        try db.cachedValue(
            Int64.self,
            sql: "SELECT id FROM messages WHERE channel_id = ? AND external_id = ?",
            arguments: [event.channelID.rawValue, externalID]
        )
    }

    private func attachmentsJSON(_ attachments: [Attachment]) throws -> String {
        String(decoding: try JSONEncoder().encode(attachments), as: UTF8.self)
    }
}
