public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore: RevisionStore {
    public func revise(_ request: RevisionRequest, at now: Date) async throws -> (Message, [Event]) {
        try await pool.write { db in
            guard
                let row = try db.cachedRow(
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
                contactID: ContactID(row["contact_id"])
            )
            let plan = try RevisionRule.decide(request, snapshot, at: now)
            let message = plan.message
            let at = now.timeIntervalSince1970
            if let previousText = plan.previousText {
                try db.cachedExecute(
                    sql: "INSERT INTO message_edits (message_id, previous_text, edited_at, editor_operator_id) VALUES (?, ?, ?, ?)",
                    arguments: [message.id.rawValue, previousText, at, plan.editor.rawValue]
                )
            }
            try db.cachedExecute(
                sql: "UPDATE messages SET text = ?, edited_at = ?, deleted_at = ? WHERE id = ?",
                arguments: [message.text, message.editedAt?.timeIntervalSince1970, message.deletedAt?.timeIntervalSince1970, message.id.rawValue]
            )
            try db.cachedExecute(
                sql: """
                    INSERT INTO message_revisions (message_id, conversation_id, channel_id, operator_id, kind, text, next_attempt_at, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    message.id.rawValue, message.conversationID.rawValue, row["channel_id"] as Int64, plan.editor.rawValue,
                    plan.kind.rawValue, plan.kind == .edit ? message.text : nil, at, at,
                ]
            )
            var events = EventAppender(db)
            try events.append(plan.events)
            return (message, events.appended)
        }
    }

    public func edits(of messageID: MessageID, in conversationID: ConversationID) async throws -> (Message, [MessageEdit])? {
        try await pool.read { db in
            guard
                let row = try db.cachedRow(
                    sql: "SELECT * FROM messages WHERE id = ? AND conversation_id = ?",
                    arguments: [messageID.rawValue, conversationID.rawValue]
                )
            else { return nil }
            let message = try RowDecoding.message(row)
            let edits = try db.cachedRows(
                sql: "SELECT previous_text, edited_at, editor_operator_id FROM message_edits WHERE message_id = ? ORDER BY id",
                arguments: [messageID.rawValue]
            ).map { row in
                MessageEdit(
                    previousText: row["previous_text"],
                    editedAt: RowDecoding.date(row, "edited_at"),
                    editor: (row["editor_operator_id"] as Int64?).map { .operator(OperatorID($0)) } ?? .client
                )
            }
            return (message, edits)
        }
    }

    public func claimRevisions(limit: Int, now: Date, lease: TimeInterval) async throws -> [RevisionItem] {
        try await pool.write { db in
            let at = now.timeIntervalSince1970
            // Only the oldest queued revision of each message: an edit and a later deletion apply in that order.
            let rows = try db.cachedRows(
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
                    """,
                arguments: [at, at, limit]
            )
            var items: [RevisionItem] = []
            for row in rows {
                let revisionID: Int64 = row["revision_id"]
                try db.cachedExecute(
                    sql: "UPDATE message_revisions SET claimed_until = ? WHERE id = ?",
                    arguments: [now.addingTimeInterval(lease).timeIntervalSince1970, revisionID]
                )
                let persona = PersonaChoice(
                    channel: Persona(name: row["persona_name"], avatarURL: row["persona_avatar_url"]),
                    holder: (row["holder_name"] as String?).map { Persona(name: $0, avatarURL: row["holder_avatar"]) },
                    author: (row["author_name"] as String?).map { Persona(name: $0, avatarURL: row["author_avatar"]) },
                    isAutomatic: row["author_kind"] as String == "bot"
                )
                let attachmentsJSON: String = row["attachments"]
                let messageID = MessageID(row["message_id"])
                let channelID = ChannelID(row["channel_id"])
                let externalID: String? = row["external_id"]
                items.append(
                    RevisionItem(
                        revisionID: revisionID,
                        kind: try RowDecoding.enumValue(row, "kind"),
                        messageID: messageID,
                        conversationID: ConversationID(row["conversation_id"]),
                        channelID: channelID,
                        externalIDs: (externalID ?? "").split(separator: ",").map(String.init),
                        message: OutboundMessage(
                            messageID: messageID,
                            channelID: channelID,
                            recipientExternalID: row["recipient"],
                            // An edit carries the text it set, even when a later edit changed the message again.
                            text: (row["new_text"] as String?) ?? row["text"],
                            attachments: try JSONDecoder().decode([Attachment].self, from: Data(attachmentsJSON.utf8)),
                            sender: persona.sender,
                            isFromOperator: persona.isFromOperator
                        ),
                        attempts: row["attempts"]
                    )
                )
            }
            return items
        }
    }

    public func recordRevision(_ report: RevisionReport, at now: Date) async throws -> [Event] {
        try await pool.write { db in
            guard let row = try db.cachedRow(sql: "SELECT * FROM message_revisions WHERE id = ?", arguments: [report.revisionID]) else {
                throw StoreError.notFound("revision \(report.revisionID)")
            }
            let stored = RevisionDeliveryDecision.Stored(
                revisionID: report.revisionID,
                kind: try RowDecoding.enumValue(row, "kind"),
                messageID: MessageID(row["message_id"]),
                conversationID: ConversationID(row["conversation_id"]),
                state: try RowDecoding.enumValue(row, "state")
            )
            guard let (change, draft) = RevisionDeliveryDecision.decide(report, revision: stored, at: now) else { return [] }
            switch change {
            case .finish(let id, let state, let reason):
                try db.cachedExecute(
                    sql: "UPDATE message_revisions SET state = ?, last_error = ?, claimed_until = NULL, attempts = attempts + 1 WHERE id = ?",
                    arguments: [state.rawValue, reason, id]
                )
            case .scheduleRetry(let id, let date, let reason):
                try db.cachedExecute(
                    sql: """
                        UPDATE message_revisions SET next_attempt_at = ?, last_error = ?, claimed_until = NULL, attempts = attempts + 1
                        WHERE id = ?
                        """,
                    arguments: [date.timeIntervalSince1970, reason, id]
                )
            }
            var events = EventAppender(db)
            try events.append([draft])
            return events.appended
        }
    }

    public func nextRevisionDue() async throws -> Date? {
        try await pool.read { db in
            try db.cachedValue(
                Double.self,
                sql: """
                    SELECT MIN(MAX(r.next_attempt_at, COALESCE(r.claimed_until, 0)))
                    FROM message_revisions r JOIN channels c ON c.id = r.channel_id
                    WHERE r.state = 'queued' AND c.paused = 0
                      AND r.id = (SELECT MIN(r2.id) FROM message_revisions r2 WHERE r2.message_id = r.message_id AND r2.state = 'queued')
                    """
            )
            .map(Date.init(timeIntervalSince1970:))
        }
    }
}
