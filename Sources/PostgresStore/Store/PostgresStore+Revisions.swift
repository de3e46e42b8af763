public import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func revise(_ request: RevisionRequest, at now: Date) async throws -> (Message, [Event]) {
        try await write { db in
            guard
                let row = try await db.row(
                    sql: """
                        SELECT m.*, ch.kind AS channel_kind, c.contact_id FROM messages m
                        JOIN conversations c ON c.id = m.conversation_id JOIN channels ch ON ch.id = m.channel_id
                        WHERE m.id = ?
                        """,
                    arguments: [request.messageID.rawValue]
                )
            else { throw RevisionRefusal.notFound }
            let snapshot = RevisionRule.Snapshot(
                message: try RowDecoding.message(row),
                channelKind: try RowDecoding.enumValue(row, "channel_kind"),
                contactID: ContactID(try row["contact_id"])
            )
            let plan = try RevisionRule.decide(request, snapshot, at: now)
            let message = plan.message
            let at = now.timeIntervalSince1970
            if let previousText = plan.previousText {
                try await db.execute(
                    sql: "INSERT INTO message_edits (message_id, previous_text, edited_at, editor_operator_id) VALUES (?, ?, ?, ?)",
                    arguments: [message.id.rawValue, previousText, at, plan.editor.rawValue]
                )
            }
            try await db.execute(
                sql: "UPDATE messages SET text = ?, edited_at = ?, deleted_at = ? WHERE id = ?",
                arguments: [
                    message.text, message.editedAt?.timeIntervalSince1970, message.deletedAt?.timeIntervalSince1970, message.id.rawValue,
                ]
            )
            let channelID: Int64 = try row["channel_id"]
            try await db.execute(
                sql: """
                    INSERT INTO message_revisions (message_id, conversation_id, channel_id, operator_id, kind, text, next_attempt_at,
                                                   created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    message.id.rawValue, message.conversationID.rawValue, channelID, plan.editor.rawValue,
                    plan.kind.rawValue, plan.kind == .edit ? message.text : nil, at, at,
                ]
            )
            var events = EventAppender(db)
            try await events.append(plan.events)
            return (message, events.appended)
        }
    }

    public func edits(of messageID: MessageID, in conversationID: ConversationID) async throws -> (Message, [MessageEdit])? {
        try await read { db in
            guard
                let row = try await db.row(
                    sql: "SELECT * FROM messages WHERE id = ? AND conversation_id = ?",
                    arguments: [messageID.rawValue, conversationID.rawValue]
                )
            else { return nil }
            let message = try RowDecoding.message(row)
            let edits = try await db.rows(
                sql: "SELECT previous_text, edited_at, editor_operator_id FROM message_edits WHERE message_id = ? ORDER BY id",
                arguments: [messageID.rawValue]
            ).map { row in
                MessageEdit(
                    previousText: try row["previous_text"],
                    editedAt: try RowDecoding.date(row, "edited_at"),
                    editor: (try row["editor_operator_id"] as Int64?).map { .operator(OperatorID($0)) } ?? .client
                )
            }
            return (message, edits)
        }
    }

    /// Claims with `FOR UPDATE SKIP LOCKED`: a dispatcher on another instance claiming at the same
    /// moment passes over the rows this one is taking instead of waiting for them, and the lease
    /// (`claimed_until`) keeps them from it afterwards.
    public func claimRevisions(limit: Int, now: Date, lease: TimeInterval) async throws -> [RevisionItem] {
        try await write { db in
            let at = now.timeIntervalSince1970
            // Only the oldest queued revision of each message: an edit and a later deletion apply in that order.
            let rows = try await db.rows(
                sql: """
                    SELECT r.id AS revision_id, r.kind, r.attempts, r.message_id, r.conversation_id, r.channel_id, r.text AS new_text,
                           m.text, m.attachments, m.external_id, m.author_kind,
                           i.external_id AS recipient, c.persona_name, c.persona_avatar_url,
                           assignee.display_name AS holder_name, assignee.avatar_url AS holder_avatar,
                           author.display_name AS author_name, author.avatar_url AS author_avatar
                    FROM message_revisions r
                    JOIN messages m ON m.id = r.message_id
                    JOIN conversations conv ON conv.id = r.conversation_id
                    JOIN identities i ON i.id = conv.identity_id
                    JOIN channels c ON c.id = r.channel_id
                    LEFT JOIN operators assignee ON assignee.id = conv.assignee_id
                    LEFT JOIN operators author ON author.id = m.author_operator_id
                    WHERE r.state = 'queued' AND r.next_attempt_at <= ? AND (r.claimed_until IS NULL OR r.claimed_until <= ?)
                      AND r.id = (SELECT MIN(r2.id) FROM message_revisions r2 WHERE r2.message_id = r.message_id AND r2.state = 'queued')
                      AND c.paused = 0
                    ORDER BY r.next_attempt_at, r.id
                    LIMIT ?
                    FOR UPDATE OF r SKIP LOCKED
                    """,
                arguments: [at, at, limit]
            )
            var items: [RevisionItem] = []
            var claimed: [Int64] = []
            for row in rows {
                let revisionID: Int64 = try row["revision_id"]
                claimed.append(revisionID)
                let persona = PersonaChoice(
                    channel: Persona(name: try row["persona_name"], avatarURL: try row["persona_avatar_url"]),
                    holder: try (row["holder_name"] as String?).map { Persona(name: $0, avatarURL: try row["holder_avatar"]) },
                    author: try (row["author_name"] as String?).map { Persona(name: $0, avatarURL: try row["author_avatar"]) },
                    isAutomatic: try row["author_kind"] as String == "bot"
                )
                let attachmentsJSON: String = try row["attachments"]
                let messageID = MessageID(try row["message_id"])
                let channelID = ChannelID(try row["channel_id"])
                let externalID: String? = try row["external_id"]
                // An edit carries the text it set, even when a later edit changed the message again.
                let newText: String? = try row["new_text"]
                let text: String = try row["text"]
                items.append(
                    RevisionItem(
                        revisionID: revisionID,
                        kind: try RowDecoding.enumValue(row, "kind"),
                        messageID: messageID,
                        conversationID: ConversationID(try row["conversation_id"]),
                        channelID: channelID,
                        externalIDs: (externalID ?? "").split(separator: ",").map(String.init),
                        message: OutboundMessage(
                            messageID: messageID,
                            channelID: channelID,
                            recipientExternalID: try row["recipient"],
                            text: newText ?? text,
                            attachments: try JSONDecoder().decode([Attachment].self, from: Data(attachmentsJSON.utf8)),
                            sender: persona.sender,
                            isFromOperator: persona.isFromOperator
                        ),
                        attempts: try row["attempts"]
                    )
                )
            }
            if !claimed.isEmpty {
                try await db.execute(
                    sql: "UPDATE message_revisions SET claimed_until = ? WHERE id = ANY(?)",
                    arguments: [now.addingTimeInterval(lease).timeIntervalSince1970, claimed]
                )
            }
            return items
        }
    }

    public func recordRevision(_ report: RevisionReport, at now: Date) async throws -> [Event] {
        try await write { db in
            guard let row = try await db.row(sql: "SELECT * FROM message_revisions WHERE id = ?", arguments: [report.revisionID]) else {
                throw StoreError.notFound("revision \(report.revisionID)")
            }
            let stored = RevisionDeliveryDecision.Stored(
                revisionID: report.revisionID,
                kind: try RowDecoding.enumValue(row, "kind"),
                messageID: MessageID(try row["message_id"]),
                conversationID: ConversationID(try row["conversation_id"]),
                state: try RowDecoding.enumValue(row, "state")
            )
            guard let (change, draft) = RevisionDeliveryDecision.decide(report, revision: stored, at: now) else { return [] }
            switch change {
            case .finish(let id, let state, let reason):
                try await db.execute(
                    sql: """
                        UPDATE message_revisions SET state = ?, last_error = ?, claimed_until = NULL, attempts = attempts + 1
                        WHERE id = ?
                        """,
                    arguments: [state.rawValue, reason, id]
                )
            case .scheduleRetry(let id, let date, let reason):
                try await db.execute(
                    sql: """
                        UPDATE message_revisions SET next_attempt_at = ?, last_error = ?, claimed_until = NULL, attempts = attempts + 1
                        WHERE id = ?
                        """,
                    arguments: [date.timeIntervalSince1970, reason, id]
                )
            }
            var events = EventAppender(db)
            try await events.append([draft])
            return events.appended
        }
    }

    public func nextRevisionDue() async throws -> Date? {
        try await read { db in
            try await db.value(
                Double.self,
                sql: """
                    SELECT MIN(GREATEST(r.next_attempt_at, COALESCE(r.claimed_until, 0)))
                    FROM message_revisions r JOIN channels c ON c.id = r.channel_id
                    WHERE r.state = 'queued' AND c.paused = 0
                      AND r.id = (SELECT MIN(r2.id) FROM message_revisions r2 WHERE r2.message_id = r.message_id AND r2.state = 'queued')
                    """
            )
            .map(Date.init(timeIntervalSince1970:))
        }
    }
}
