import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    public func ingest(_ event: InboundEvent) async throws -> IngestOutcome {
        let reopenWindow = self.reopenWindow
        do {
            return try await pool.write { db in
                var transaction = IngestTransaction(db: db, event: event, reopenWindow: reopenWindow)
                return try transaction.run()
            }
        } catch is DuplicateDelivery {
            return .duplicate
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
            throw StoreError.notFound("channel \(event.channelID)")
        }
    }
}

/// Thrown inside the transaction to roll back when a message is already stored under another delivery key.
struct DuplicateDelivery: Error {}

/// One inbound event becoming state, inside one write transaction.
struct IngestTransaction {
    let db: Database
    let event: InboundEvent
    let reopenWindow: TimeInterval
    var events: EventAppender

    init(db: Database, event: InboundEvent, reopenWindow: TimeInterval) {
        self.db = db
        self.event = event
        self.reopenWindow = reopenWindow
        self.events = EventAppender(db)
    }

    mutating func run() throws -> IngestOutcome {
        guard try recordReceipt() else { return .duplicate }
        guard try db.cachedRow(sql: "SELECT 1 FROM channels WHERE id = ?", arguments: [event.channelID.rawValue]) != nil else {
            throw StoreError.notFound("channel \(event.channelID)")
        }
        let identity = try findOrCreateIdentity()
        try recordVerifiedPhone(identity)
        var conversationID: ConversationID?
        var messageID: MessageID?
        switch event.payload {
        case .message(let externalID, let text, let attachments, let contextKey):
            // A "what went wrong?" answer is the feedback comment, not a message that reopens the conversation.
            if let feedbackConversation = try captureFeedbackText(identity, text: attachments.isEmpty ? text : "") {
                conversationID = feedbackConversation
            } else {
                (conversationID, messageID) = try storeClientMessage(identity, externalID: externalID, text: text, attachments, contextKey)
            }
        case .buttonPress(let action):
            conversationID = try recordButtonPress(identity, action: action)
        case .unsupported(let kind, let rawJSON):
            let attachment = Attachment(kind: .unsupported, details: ["kind": kind, "raw": rawJSON])
            (conversationID, messageID) = try storeClientMessage(identity, externalID: nil, text: "", [attachment], nil)
        case .edit(let externalID, let text):
            (conversationID, messageID) = try storeEdit(identity, externalID: externalID, text: text)
        case .reachability(let isReachable):
            try setReachable(identity, isReachable)
        case .delivery(let externalID, let state, let reason):
            (conversationID, messageID) = try updateDelivery(externalID: externalID, state: state, reason: reason)
        case .opened(let contextKey):
            try rememberContext(identity, contextKey)
        }
        return .new(
            IngestResult(
                contactID: identity.contactID,
                identityID: identity.id,
                conversationID: conversationID,
                messageID: messageID,
                events: events.appended
            )
        )
    }

    /// Claims the delivery key; false when this delivery was ingested before.
    private func recordReceipt() throws -> Bool {
        try db.cachedExecute(
            sql: "INSERT INTO inbound_receipts (channel_id, delivery_key, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            arguments: [event.channelID.rawValue, event.deliveryKey, event.occurredAt.timeIntervalSince1970]
        )
        return db.changesCount > 0
    }

    private mutating func findOrCreateIdentity() throws -> Identity {
        let sender = event.sender
        let now = event.occurredAt.timeIntervalSince1970
        if let row = try db.cachedRow(
            sql: "SELECT * FROM identities WHERE channel_id = ? AND external_id = ?",
            arguments: [event.channelID.rawValue, sender.externalID]
        ) {
            var identity = RowDecoding.identity(row)
            // Keep what the messenger last told us about the user; never erase with an empty value.
            identity.username = sender.username ?? identity.username
            identity.profileName = sender.displayName.isEmpty ? identity.profileName : sender.displayName
            identity.language = sender.language ?? identity.language
            identity.avatarURL = sender.avatarURL ?? identity.avatarURL
            identity.country = sender.country ?? identity.country
            try db.cachedExecute(
                sql: "UPDATE identities SET username = ?, profile_name = ?, language = ?, avatar_url = ?, country = ? WHERE id = ?",
                arguments: [
                    identity.username, identity.profileName, identity.language, identity.avatarURL, identity.country, identity.id.rawValue,
                ]
            )
            if let phone = sender.phone {
                try db.cachedExecute(sql: "UPDATE contacts SET phone = ? WHERE id = ?", arguments: [phone, identity.contactID.rawValue])
            }
            return identity
        }
        let displayName = sender.displayName.isEmpty ? (sender.username ?? sender.externalID) : sender.displayName
        try db.cachedExecute(
            sql: "INSERT INTO contacts (display_name, phone, language, created_at) VALUES (?, ?, ?, ?)",
            arguments: [displayName, sender.phone, sender.language, now]
        )
        let contact = Contact(id: ContactID(db.lastInsertedRowID), displayName: displayName, phone: sender.phone, language: sender.language)
        try db.cachedExecute(
            sql: """
                INSERT INTO identities (contact_id, channel_id, external_id, username, profile_name, language, avatar_url, country, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                contact.id.rawValue, event.channelID.rawValue, sender.externalID, sender.username, sender.displayName, sender.language,
                sender.avatarURL, sender.country, now,
            ]
        )
        let identity = Identity(
            id: IdentityID(db.lastInsertedRowID),
            contactID: contact.id,
            channelID: event.channelID,
            externalID: sender.externalID,
            username: sender.username,
            profileName: sender.displayName,
            language: sender.language,
            avatarURL: sender.avatarURL,
            country: sender.country
        )
        try events.append(.contactCreated, at: event.occurredAt, contact: contact.id, payload: contact)
        return identity
    }

    private mutating func setReachable(_ identity: Identity, _ isReachable: Bool) throws {
        try db.cachedExecute(sql: "UPDATE identities SET reachable = ? WHERE id = ?", arguments: [isReachable, identity.id.rawValue])
        var updated = identity
        updated.isReachable = isReachable
        try events.append(.identityUpdated, at: event.occurredAt, contact: identity.contactID, payload: updated)
    }

    private mutating func rememberContext(_ identity: Identity, _ contextKey: String?) throws {
        guard let contextKey = contextKey.map({ String($0.prefix(Self.maxStoredContextKey)) }) else { return }
        // Claim the key now, so no other client can take it between opening the chat and writing.
        _ = try claimContext(contextKey, for: identity)
        // Viber opens a chat before the user writes; the context waits on the identity for the first message.
        try db.cachedExecute(sql: "UPDATE identities SET pending_context_key = ? WHERE id = ?", arguments: [contextKey, identity.id.rawValue])
        try events.append(.identityUpdated, at: event.occurredAt, contact: identity.contactID, payload: identity)
    }
}
