public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    public func enqueueReply(_ draft: ReplyDraft, at now: Date) async throws -> EnqueuedReply {
        try draft.validate()
        return try await pool.write { db in
            var events = EventAppender(db)
            let message = try Self.writeReply(db, draft, at: now, events: &events)
            return EnqueuedReply(message: message, events: events.appended)
        }
    }

    /// Stores an operator's reply and queues it, with its status change and events, inside the caller's transaction.
    static func writeReply(_ db: Database, _ draft: ReplyDraft, at now: Date, events: inout EventAppender) throws -> Message {
        guard var conversation = try Self.fetchConversation(db, draft.conversationID) else {
            throw StoreError.notFound("conversation \(draft.conversationID)")
        }
        if let transition = try StatusTransition.decide(conversation, .operatorReply, at: now) {
            try Self.saveStatus(db, transition.conversation)
            conversation = transition.conversation
            try events.append([transition.event])
        }
        let message = try Self.mapConstraint("reply by operator \(draft.operatorID)") {
            try Self.queueOutbound(
                db,
                Message(
                    id: MessageID(0),
                    conversationID: conversation.id,
                    direction: .outbound,
                    author: .operator(draft.operatorID),
                    text: draft.text,
                    attachments: draft.attachments,
                    deliveryState: .queued,
                    createdAt: now
                ),
                channel: conversation.channelID
            )
        }
        try db.cachedExecute(
            sql:
                "UPDATE conversations SET last_message_at = ?, first_response_at = COALESCE(first_response_at, ?), awaiting_reply = 0 WHERE id = ?",
            arguments: [now.timeIntervalSince1970, now.timeIntervalSince1970, conversation.id.rawValue]
        )
        try events.append([.messageCreated(message, contact: conversation.contactID)])
        return message
    }

    /// Stores an outbound message (its id is assigned here) and queues it for the dispatcher.
    static func queueOutbound(_ db: Database, _ message: Message, channel: ChannelID, requestPhone: Bool = false) throws -> Message {
        var operatorID: Int64?
        if case .operator(let id) = message.author { operatorID = id.rawValue }
        try db.cachedExecute(
            sql: """
                INSERT INTO messages (conversation_id, channel_id, direction, author_kind, author_operator_id, text, attachments,
                                      delivery_state, request_phone, created_at)
                VALUES (?, ?, 'out', ?, ?, ?, ?, 'queued', ?, ?)
                """,
            arguments: [
                message.conversationID.rawValue, channel.rawValue, message.author.kind, operatorID, message.text,
                String(decoding: try JSONEncoder().encode(message.attachments), as: UTF8.self), requestPhone,
                message.createdAt.timeIntervalSince1970,
            ]
        )
        var stored = message
        stored.id = MessageID(db.lastInsertedRowID)
        try db.cachedExecute(
            sql: "INSERT INTO outbox (message_id, conversation_id, channel_id, next_attempt_at) VALUES (?, ?, ?, ?)",
            arguments: [stored.id.rawValue, message.conversationID.rawValue, channel.rawValue, message.createdAt.timeIntervalSince1970]
        )
        return stored
    }

    /// Queues a message the desk itself sends (automation, a key's post) in a conversation, with its event.
    /// - Throws: `StoreError.notFound` when the conversation does not exist.
    static func queueBotMessage(
        _ db: Database,
        in conversationID: ConversationID,
        text: String,
        attachments: [Attachment] = [],
        requestPhone: Bool = false,
        at now: Date
    ) throws -> EnqueuedReply {
        guard let conversation = try fetchConversation(db, conversationID) else { throw StoreError.notFound("conversation \(conversationID)") }
        let message = try queueOutbound(
            db,
            Message(
                id: MessageID(0),
                conversationID: conversationID,
                direction: .outbound,
                author: .bot,
                text: text,
                attachments: attachments,
                deliveryState: .queued,
                createdAt: now
            ),
            channel: conversation.channelID,
            requestPhone: requestPhone
        )
        var events = EventAppender(db)
        try events.append([.messageCreated(message, contact: conversation.contactID)])
        return EnqueuedReply(message: message, events: events.appended)
    }

    public func claimOutbox(limit: Int, now: Date, lease: TimeInterval) async throws -> [OutboxItem] {
        try await pool.write { db in
            // Only the oldest queued reply of each conversation is claimable, so a client gets replies in order.
            let rows = try db.cachedRows(
                sql: """
                    SELECT o.message_id, o.attempts, o.conversation_id, o.channel_id, m.text, m.attachments, m.request_phone, m.author_kind,
                           mb.buttons,
                           i.external_id AS recipient, c.persona_name, c.persona_avatar_url,
                           assignee.display_name AS holder_name, assignee.avatar_url AS holder_avatar,
                           author.display_name AS author_name, author.avatar_url AS author_avatar
                    FROM outbox o
                    JOIN messages m ON m.id = o.message_id
                    JOIN conversations conv ON conv.id = o.conversation_id
                    JOIN identities i ON i.id = conv.identity_id
                    JOIN channels c ON c.id = o.channel_id
                    LEFT JOIN operators assignee ON assignee.id = conv.assignee_id
                    LEFT JOIN operators author ON author.id = m.author_operator_id
                    LEFT JOIN message_buttons mb ON mb.message_id = o.message_id
                    WHERE o.next_attempt_at <= ? AND (o.claimed_until IS NULL OR o.claimed_until <= ?)
                      AND o.message_id = (SELECT MIN(o2.message_id) FROM outbox o2 WHERE o2.conversation_id = o.conversation_id)
                      AND c.paused = 0
                    ORDER BY o.next_attempt_at, o.message_id
                    LIMIT ?
                    """,
                arguments: [now.timeIntervalSince1970, now.timeIntervalSince1970, limit]
            )
            var items: [OutboxItem] = []
            for row in rows {
                let messageID = MessageID(row["message_id"])
                try db.cachedExecute(
                    sql: "UPDATE outbox SET claimed_until = ? WHERE message_id = ?",
                    arguments: [now.addingTimeInterval(lease).timeIntervalSince1970, messageID.rawValue]
                )
                let attachmentsJSON: String = row["attachments"]
                let buttonsJSON: String? = row["buttons"]
                let persona = PersonaChoice(
                    channel: Persona(name: row["persona_name"], avatarURL: row["persona_avatar_url"]),
                    holder: Self.persona(row, name: "holder_name", avatar: "holder_avatar"),
                    author: Self.persona(row, name: "author_name", avatar: "author_avatar"),
                    isAutomatic: row["author_kind"] as String == "bot"
                )
                let message = OutboundMessage(
                    messageID: messageID,
                    channelID: ChannelID(row["channel_id"]),
                    recipientExternalID: row["recipient"],
                    text: row["text"],
                    attachments: try JSONDecoder().decode([Attachment].self, from: Data(attachmentsJSON.utf8)),
                    sender: persona.sender,
                    isFromOperator: persona.isFromOperator,
                    requestsPhone: row["request_phone"],
                    buttons: try buttonsJSON.map { try JSONDecoder().decode([ReplyButton].self, from: Data($0.utf8)) } ?? []
                )
                let acknowledged = try db.cachedRows(
                    sql: "SELECT external_id FROM outbox_parts WHERE message_id = ? ORDER BY part_index",
                    arguments: [messageID.rawValue]
                ).map { $0["external_id"] as String }
                items.append(
                    OutboxItem(
                        message: message,
                        conversationID: ConversationID(row["conversation_id"]),
                        attempts: row["attempts"],
                        progress: DeliveryProgress(acknowledgedParts: acknowledged)
                    )
                )
            }
            return items
        }
    }

    /// An operator's persona from a joined row, nil when the join found nobody.
    private static func persona(_ row: Row, name: String, avatar: String) -> Persona? {
        (row[name] as String?).map { Persona(name: $0, avatarURL: row[avatar]) }
    }

    public func renewOutboxClaims(_ ids: [MessageID], heldUntil: Date, until: Date) async throws -> [MessageID] {
        guard !ids.isEmpty else { return [] }
        return try await pool.write { db in
            try ids.filter { id in
                try db.cachedExecute(
                    sql: "UPDATE outbox SET claimed_until = ? WHERE message_id = ? AND claimed_until = ?",
                    arguments: [until.timeIntervalSince1970, id.rawValue, heldUntil.timeIntervalSince1970]
                )
                return db.changesCount > 0
            }
        }
    }

    public func nextOutboxDue() async throws -> Date? {
        // Only rows `claimOutbox` can take: a reply waiting behind an older one of its conversation
        // is not due, however old its own time, or the dispatcher would look again at once, forever.
        try await pool.read { db in
            try db.cachedValue(
                Double.self,
                sql: """
                    SELECT MIN(MAX(o.next_attempt_at, COALESCE(o.claimed_until, 0)))
                    FROM outbox o JOIN channels c ON c.id = o.channel_id
                    WHERE c.paused = 0
                      AND o.message_id = (SELECT MIN(o2.message_id) FROM outbox o2 WHERE o2.conversation_id = o.conversation_id)
                    """
            )
            .map(Date.init(timeIntervalSince1970:))
        }
    }
}
