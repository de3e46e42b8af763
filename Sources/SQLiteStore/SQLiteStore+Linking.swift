public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    public func issueLinkCode(_ code: String, for identityID: IdentityID, at now: Date, lifetime: TimeInterval) async throws {
        try await pool.write { db in
            let at = now.timeIntervalSince1970
            try db.execute(
                sql: "DELETE FROM link_codes WHERE identity_id = ? OR expires_at <= ? OR used_at IS NOT NULL",
                arguments: [identityID.rawValue, at]
            )
            try Self.mapConstraint("link code") {
                try db.execute(
                    sql: "INSERT INTO link_codes (code, identity_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                    arguments: [code, identityID.rawValue, at, at + lifetime]
                )
            }
        }
    }

    public func redeemLinkCode(_ code: String, by identityID: IdentityID, at now: Date) async throws -> (LinkOutcome, [Event]) {
        try await pool.write { db in
            let at = now.timeIntervalSince1970
            let liveCodes = try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM link_codes WHERE used_at IS NULL AND expires_at > ? AND identity_id != ?",
                arguments: [at, identityID.rawValue]
            )
            guard liveCodes ?? 0 > 0 else { return (.notACode, []) }
            let failures =
                try Int.fetchOne(
                    db,
                    sql: "SELECT COUNT(*) FROM link_attempts WHERE identity_id = ? AND attempted_at > ?",
                    arguments: [identityID.rawValue, at - LinkCodeRules.attemptWindow]
                ) ?? 0
            guard failures < LinkCodeRules.maxFailedAttempts else { return (.rateLimited, []) }
            guard
                let owner = try Int64.fetchOne(
                    db,
                    sql: "SELECT identity_id FROM link_codes WHERE code = ? AND used_at IS NULL AND expires_at > ? AND identity_id != ?",
                    arguments: [code, at, identityID.rawValue]
                )
            else {
                try db.execute(sql: "INSERT INTO link_attempts (identity_id, attempted_at) VALUES (?, ?)", arguments: [identityID.rawValue, at])
                return (.wrongCode, [])
            }
            try db.execute(sql: "UPDATE link_codes SET used_at = ? WHERE code = ?", arguments: [at, code])
            let contacts = try Int64.fetchAll(
                db,
                sql: "SELECT contact_id FROM identities WHERE id IN (?, ?) ORDER BY contact_id",
                arguments: [owner, identityID.rawValue]
            )
            guard contacts.count == 2, contacts[0] != contacts[1] else { return (.alreadyLinked, []) }
            // The older contact stays: its id is the one operators and integrations already know.
            var merger = ContactMerger(db)
            let merge = try merger.merge(into: ContactID(contacts[0]), from: ContactID(contacts[1]), reason: .code, by: nil, at: now)
            return (.linked(merge), merger.events.appended)
        }
    }

    public func mergeContacts(
        into target: ContactID,
        from source: ContactID,
        reason: MergeReason,
        by operatorID: OperatorID?,
        at now: Date
    )
        async throws -> (ContactMerge, [Event])
    {
        try await pool.write { db in
            var merger = ContactMerger(db)
            let merge = try merger.merge(into: target, from: source, reason: reason, by: operatorID, at: now)
            return (merge, merger.events.appended)
        }
    }

    public func undoMerge(_ id: Int64, at now: Date) async throws -> (ContactMerge, [Event]) {
        try await pool.write { db in
            var merger = ContactMerger(db)
            let merge = try merger.undo(id, at: now)
            return (merge, merger.events.appended)
        }
    }

    public func merges(into contactID: ContactID) async throws -> [ContactMerge] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM contact_merges WHERE target_id = ? AND undone_at IS NULL ORDER BY id DESC",
                arguments: [contactID.rawValue]
            ).map(ContactMerger.merge)
        }
    }

    public func phoneMatches(of contactID: ContactID) async throws -> [ContactRef] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT ct.id, ct.display_name, ct.preferred_name
                    FROM identities mine
                    JOIN identities other ON other.verified_phone = mine.verified_phone AND other.contact_id != mine.contact_id
                    JOIN contacts ct ON ct.id = other.contact_id AND ct.merged_into IS NULL
                    WHERE mine.contact_id = ? AND mine.verified_phone IS NOT NULL
                    ORDER BY ct.id
                    """,
                arguments: [contactID.rawValue]
            ).map { ContactRef(id: ContactID($0["id"]), displayName: $0["display_name"], preferredName: $0["preferred_name"]) }
        }
    }

    public func setAskingAddress(_ contactID: ContactID, _ asking: Bool) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE contacts SET asking_address = ? WHERE id = ?", arguments: [asking, contactID.rawValue])
            guard db.changesCount > 0 else { throw StoreError.notFound("contact \(contactID)") }
        }
    }

    public func enqueueBotMessage(in conversationID: ConversationID, text: String, requestPhone: Bool, at now: Date) async throws -> EnqueuedReply {
        try await pool.write { db in
            guard let conversation = try Self.fetchConversation(db, conversationID) else {
                throw StoreError.notFound("conversation \(conversationID)")
            }
            try db.execute(
                sql: """
                    INSERT INTO messages (conversation_id, channel_id, direction, author_kind, text, delivery_state, request_phone, created_at)
                    VALUES (?, ?, 'out', 'bot', ?, 'queued', ?, ?)
                    """,
                arguments: [conversationID.rawValue, conversation.channelID.rawValue, text, requestPhone, now.timeIntervalSince1970]
            )
            let message = Message(
                id: MessageID(db.lastInsertedRowID),
                conversationID: conversationID,
                direction: .outbound,
                author: .bot,
                text: text,
                deliveryState: .queued,
                createdAt: now
            )
            try db.execute(
                sql: "INSERT INTO outbox (message_id, conversation_id, channel_id, next_attempt_at) VALUES (?, ?, ?, ?)",
                arguments: [message.id.rawValue, conversationID.rawValue, conversation.channelID.rawValue, now.timeIntervalSince1970]
            )
            var events = EventAppender(db)
            try events.append(
                .messageCreated,
                at: now,
                contact: conversation.contactID,
                conversation: conversationID,
                message: message.id,
                payload: message
            )
            return EnqueuedReply(message: message, events: events.appended)
        }
    }
}
