import Foundation
import GRDB
import SwitchboardCore

/// Reads the rows `IngestDecision` needs for one event, inside the ingest's write transaction.
struct IngestSnapshotLoader {
    let db: Database
    let event: InboundEvent
    let floodLimits: FloodLimits

    func load() throws -> IngestSnapshot {
        let channel = try channel()
        let identity = try identity()
        let messageExternalID = IngestReads.messageExternalID(event)
        let contextKey = IngestReads.contextKey(event, pendingContextKey: identity?.pendingContextKey)
        let pressed = IngestReads.pressedDepartment(event)
        // One read of the sender's contact serves both its ban and the address question.
        let contact = try identity.flatMap { try contactRow($0.identity.contactID) }
        let ban = contact.flatMap(SQLiteStore.ban)
        return IngestSnapshot(
            channel: channel,
            identity: identity,
            latest: try identity.flatMap { try latestConversation($0.identity.id) },
            message: try messageExternalID.flatMap(message),
            album: try IngestReads.albumKey(event).flatMap(album),
            context: try contextKey.flatMap(context),
            contactAskedForAddress: contact.flatMap { ($0["asking_address"] as Bool?) == true ? RowDecoding.contact($0) : nil },
            pressedDepartmentExists: try pressed.map { try departmentExists($0) } ?? false,
            migrationTarget: try IngestReads.migrationTarget(event).flatMap { try self.identity(externalID: $0) },
            nextIDs: try reservedIDs(),
            ban: ban,
            contactLatest: try ban == nil ? nil : identity.flatMap { try contactLatest($0.identity.contactID) },
            floodLimits: floodLimits
        )
    }

    private func contactRow(_ contact: ContactID) throws -> Row? {
        try db.cachedRow(sql: "SELECT * FROM contacts WHERE id = ?", arguments: [contact.rawValue])
    }

    private func contactLatest(_ contact: ContactID) throws -> ConversationID? {
        try db.cachedRow(sql: "SELECT MAX(id) AS id FROM conversations WHERE contact_id = ?", arguments: [contact.rawValue])
            .flatMap { ($0["id"] as Int64?).map(ConversationID.init) }
    }

    private func flood(_ row: Row) -> FloodState? {
        guard let start = RowDecoding.optionalDate(row, "flood_window_start") else { return nil }
        return FloodState(windowStart: start, count: row["flood_count"], mutedUntil: RowDecoding.optionalDate(row, "flood_muted_until"))
    }

    private func channel() throws -> IngestChannel {
        guard
            let row = try db.cachedRow(
                sql:
                    "SELECT default_department_id, ask_department, answers_every_group_message, EXISTS (SELECT 1 FROM departments) AS any_department FROM channels WHERE id = ?",
                arguments: [event.channelID.rawValue]
            )
        else { throw StoreError.notFound("channel \(event.channelID)") }
        return IngestChannel(
            id: event.channelID,
            defaultDepartmentID: (row["default_department_id"] as Int64?).map(DepartmentID.init),
            asksDepartment: row["ask_department"],
            departmentsExist: row["any_department"],
            answersEveryGroupMessage: row["answers_every_group_message"]
        )
    }

    private func identity() throws -> IdentityRow? {
        try identity(externalID: event.sender.externalID)
    }

    private func identity(externalID: String) throws -> IdentityRow? {
        try db.cachedRow(
            sql: "SELECT * FROM identities WHERE channel_id = ? AND external_id = ?",
            arguments: [event.channelID.rawValue, externalID]
        ).map { row in IdentityRow(identity: RowDecoding.identity(row), pendingContextKey: row["pending_context_key"], flood: flood(row)) }
    }

    private func latestConversation(_ identity: IdentityID) throws -> LatestConversation? {
        guard
            let row = try db.cachedRow(
                sql: """
                    SELECT c.*, o.status AS holder_status, a.reopens AS auto_close_reopens
                    FROM conversations c
                    LEFT JOIN operators o ON o.id = c.assignee_id
                    LEFT JOIN automatic_closes a ON a.conversation_id = c.id
                    WHERE c.identity_id = ? ORDER BY c.id DESC LIMIT 1
                    """,
                arguments: [identity.rawValue]
            )
        else { return nil }
        let conversation = try RowDecoding.conversation(row)
        return LatestConversation(
            conversation: conversation,
            holderIsOnline: (row["holder_status"] as String?) == PresenceStatus.online.rawValue,
            isEscalated: (row["priority"] as Int) > 0,
            queuedAt: RowDecoding.optionalDate(row, "queued_at"),
            awaitsDepartment: row["awaiting_department"],
            feedback: try SQLiteStore.fetchFeedback(db, conversation.id),
            autoCloseReopens: row["auto_close_reopens"]
        )
    }

    private func message(_ externalID: String) throws -> Message? {
        try db.cachedRow(
            sql: "SELECT * FROM messages WHERE channel_id = ? AND external_id = ?",
            arguments: [event.channelID.rawValue, externalID]
        ).map(RowDecoding.message)
    }

    private func album(_ key: String) throws -> Message? {
        try db.cachedRow(
            sql: "SELECT * FROM messages WHERE channel_id = ? AND album_key = ?",
            arguments: [event.channelID.rawValue, key]
        ).map(RowDecoding.message)
    }

    private func context(_ key: String) throws -> StoredContext? {
        try db.cachedRow(sql: "SELECT identity_id, expires_at FROM contexts WHERE key = ?", arguments: [key]).map { row in
            StoredContext(key: key, ownerID: (row["identity_id"] as Int64?).map(IdentityID.init), expiresAt: RowDecoding.date(row, "expires_at"))
        }
    }

    private func departmentExists(_ department: DepartmentID) throws -> Bool {
        try db.cachedRow(sql: "SELECT 1 FROM departments WHERE id = ?", arguments: [department.rawValue]) != nil
    }

    /// The next ids of the AUTOINCREMENT tables ingest inserts into; only this transaction can take them.
    private func reservedIDs() throws -> ReservedIDs {
        var last: [String: Int64] = [:]
        for row in try db.cachedRows(
            sql: "SELECT name, seq FROM sqlite_sequence WHERE name IN ('contacts', 'identities', 'conversations', 'messages')"
        ) {
            last[row["name"]] = row["seq"]
        }
        func next(_ table: String) -> Int64 { (last[table] ?? 0) + 1 }
        return ReservedIDs(
            contact: ContactID(next("contacts")),
            identity: IdentityID(next("identities")),
            conversation: ConversationID(next("conversations")),
            message: MessageID(next("messages"))
        )
    }
}
