import Foundation
import SwitchboardCore

/// Applies an `IngestPlan`'s row changes inside the ingest's write transaction: SQL only.
struct IngestWrites {
    let db: Session

    /// Claims the event's delivery key; false when this delivery was ingested before.
    static func claimReceipt(_ db: Session, _ event: InboundEvent) async throws -> Bool {
        try await db.changes(
            sql: "INSERT INTO inbound_receipts (channel_id, delivery_key, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            arguments: [event.channelID.rawValue, event.deliveryKey, event.occurredAt.timeIntervalSince1970]
        ) > 0
    }

    func apply(_ changes: [IngestChange]) async throws {
        for change in changes { try await apply(change) }
    }

    private func apply(_ change: IngestChange) async throws {
        switch change {
        case .createContact(let contact, let at):
            try await execute(
                "INSERT INTO contacts (id, display_name, phone, language, created_at) VALUES (?, ?, ?, ?, ?)",
                [contact.id.rawValue, contact.displayName, contact.phone, contact.language, at.timeIntervalSince1970]
            )
        case .createIdentity(let identity, let at):
            try await execute(
                """
                INSERT INTO identities (id, contact_id, channel_id, external_id, username, profile_name, language, avatar_url, country, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    identity.id.rawValue, identity.contactID.rawValue, identity.channelID.rawValue, identity.externalID, identity.username,
                    identity.profileName, identity.language, identity.avatarURL, identity.country, at.timeIntervalSince1970,
                ]
            )
        case .updateIdentityProfile(let identity):
            try await execute(
                "UPDATE identities SET username = ?, profile_name = ?, language = ?, avatar_url = ?, country = ? WHERE id = ?",
                [identity.username, identity.profileName, identity.language, identity.avatarURL, identity.country, identity.id.rawValue]
            )
        case .setContactPhone(let contact, let phone):
            try await execute("UPDATE contacts SET phone = ? WHERE id = ?", [phone, contact.rawValue])
        case .setVerifiedPhone(let identity, let phone):
            try await execute("UPDATE identities SET verified_phone = ? WHERE id = ?", [phone, identity.rawValue])
        case .setReachable(let identity, let isReachable):
            try await execute("UPDATE identities SET reachable = ? WHERE id = ?", [isReachable, identity.rawValue])
        case .setFlood(let identity, let state):
            try await execute(
                "UPDATE identities SET flood_window_start = ?, flood_count = ?, flood_muted_until = ? WHERE id = ?",
                [state.windowStart.timeIntervalSince1970, state.count, state.mutedUntil?.timeIntervalSince1970, identity.rawValue]
            )
        case .moveIdentity(let identity, let externalID):
            try await execute("UPDATE identities SET external_id = ? WHERE id = ?", [externalID, identity.rawValue])
        case .setPendingContext(let identity, let key):
            try await execute("UPDATE identities SET pending_context_key = ? WHERE id = ?", [key, identity.rawValue])
        case .claimContext(let key, let identity, let at):
            try await execute(
                "UPDATE contexts SET identity_id = ?, claimed_at = ? WHERE key = ? AND identity_id IS NULL",
                [identity.rawValue, at.timeIntervalSince1970, key]
            )
        case .setPreferredName(let contact, let name):
            try await execute("UPDATE contacts SET preferred_name = ?, asking_address = 0 WHERE id = ?", [name, contact.rawValue])
        case .openConversation(let conversation, let contextStatus):
            try await execute(
                """
                INSERT INTO conversations (id, contact_id, channel_id, identity_id, status, department_id, context_key, context_status,
                                           opened_at, last_message_at, resolved_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    conversation.id.rawValue, conversation.contactID.rawValue, conversation.channelID.rawValue, conversation.identityID.rawValue,
                    conversation.status.rawValue, conversation.departmentID?.rawValue, conversation.contextKey, contextStatus?.rawValue,
                    conversation.openedAt.timeIntervalSince1970, conversation.lastMessageAt.timeIntervalSince1970,
                    conversation.resolvedAt?.timeIntervalSince1970,
                ]
            )
        case .setStatus(let conversation, let status):
            try await execute("UPDATE conversations SET status = ?, resolved_at = NULL WHERE id = ?", [status.rawValue, conversation.rawValue])
        case .forgetAutoClose(let conversation):
            try await execute("DELETE FROM automatic_closes WHERE conversation_id = ?", [conversation.rawValue])
        case .setContext(let conversation, let key, let status):
            try await execute(
                "UPDATE conversations SET context_key = ?, context_status = ? WHERE id = ?",
                [key, status?.rawValue, conversation.rawValue]
            )
        case .clientWrote(let conversation, let at, let sentiment):
            let counts = (positive: sentiment == .positive ? 1 : 0, negative: sentiment == .negative ? 1 : 0)
            try await execute(
                """
                UPDATE conversations SET last_message_at = ?, awaiting_reply = 1,
                    positive_count = positive_count + ?, negative_count = negative_count + ? WHERE id = ?
                """,
                [at.timeIntervalSince1970, counts.positive, counts.negative, conversation.rawValue]
            )
        case .release(let conversation, let holder):
            try await execute(
                "UPDATE conversations SET assignee_id = NULL, previous_assignee_id = ? WHERE id = ?",
                [holder.rawValue, conversation.rawValue]
            )
        case .enterQueue(let conversation, let at):
            try await execute("UPDATE conversations SET queued_at = ? WHERE id = ?", [at.timeIntervalSince1970, conversation.rawValue])
        case .awaitDepartmentChoice(let conversation):
            try await execute("UPDATE conversations SET awaiting_department = 1 WHERE id = ?", [conversation.rawValue])
        case .escalate(let conversation, let at):
            try await execute(
                "UPDATE conversations SET priority = 1, escalated_at = ?, awaiting_department = 0 WHERE id = ?",
                [at.timeIntervalSince1970, conversation.rawValue]
            )
        case .chooseDepartment(let conversation, let department, let at):
            try await execute(
                "UPDATE conversations SET department_id = ?, queued_at = ?, awaiting_department = 0 WHERE id = ?",
                [department.rawValue, at.timeIntervalSince1970, conversation.rawValue]
            )
        case .saveFeedback(let feedback):
            try await PostgresStore.saveFeedback(db, feedback)
        case .insertClientMessage(let message, let channel):
            try await execute(
                """
                INSERT INTO messages (id, conversation_id, channel_id, direction, author_kind, text, attachments, external_id, sentiment, created_at, hold,
                                      member_external_id, member_name, member_username)
                VALUES (?, ?, ?, 'in', 'client', ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    message.id.rawValue, message.conversationID.rawValue, channel.rawValue, message.text,
                    try Self.json(message.attachments), message.externalID,
                    message.sentiment?.rawValue, message.createdAt.timeIntervalSince1970, message.hold?.rawValue,
                    message.member?.externalID, message.member?.displayName, message.member?.username,
                ]
            )
        case .startAlbum(let message, let channel, let key):
            try await execute("UPDATE messages SET album_key = ? WHERE id = ? AND channel_id = ?", [key, message.rawValue, channel.rawValue])
        case .extendAlbum(let message, let text, let attachments):
            try await execute(
                "UPDATE messages SET text = ?, attachments = ? WHERE id = ?",
                [text, try Self.json(attachments), message.rawValue]
            )
        case .editMessage(let message, let previousText, let text, let at):
            try await execute(
                "INSERT INTO message_edits (message_id, previous_text, edited_at) VALUES (?, ?, ?)",
                [message.rawValue, previousText, at.timeIntervalSince1970]
            )
            try await execute("UPDATE messages SET text = ?, edited_at = ? WHERE id = ?", [text, at.timeIntervalSince1970, message.rawValue])
        case .setDelivery(let message, let state, let reason):
            try await execute("UPDATE messages SET delivery_state = ?, failure_reason = ? WHERE id = ?", [state.rawValue, reason, message.rawValue])
        case .keepEarlyReceipt(let channel, let externalID, let state, let reason, let at):
            try await execute(
                "INSERT INTO early_receipts (channel_id, external_id, state, reason, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [channel.rawValue, externalID, state.rawValue, reason, at.timeIntervalSince1970]
            )
        }
    }

    /// The tables whose identity sequences a plan's changes draw from: the rows it inserts with ids
    /// the snapshot reserved.
    struct NewRows: Equatable {
        var contact = false
        var identity = false
        var conversation = false
        var message = false

        init(_ changes: [IngestChange]) {
            for change in changes {
                switch change {
                case .createContact: contact = true
                case .createIdentity: identity = true
                case .openConversation: conversation = true
                case .insertClientMessage: message = true
                default: break
                }
            }
        }

        var isEmpty: Bool { !(contact || identity || conversation || message) }
    }

    /// The stored JSON of a message's attachments. Most client messages have none: their "[]" is
    /// what the encoder writes for an empty list, without building one.
    static func json(_ attachments: [Attachment]) throws -> String {
        attachments.isEmpty ? "[]" : String(decoding: try JSONEncoder().encode(attachments), as: UTF8.self)
    }

    private func execute(_ sql: String, _ arguments: [any SQLArgument]) async throws {
        try await db.execute(sql: sql, arguments: arguments)
    }
}
