import Foundation
import SwitchboardCore

/// Reads the rows `IngestDecision` needs for one event, inside the ingest's write transaction.
struct IngestSnapshotLoader {
    let db: Session
    let event: InboundEvent
    let floodLimits: FloodLimits

    /// The snapshot, with placeholders (`placeholderIDs`) for the ids of the rows the decision may
    /// create: a sequence number drawn is gone even if the transaction rolls back, so `ingestOne`
    /// draws (`reserveIDs`) only the ones the decision turns out to use.
    func load() async throws -> IngestSnapshot {
        let channel = try await channel()
        let identity = try await identity()
        let messageExternalID = IngestReads.messageExternalID(event)
        let contextKey = IngestReads.contextKey(event, pendingContextKey: identity?.pendingContextKey)
        let pressed = IngestReads.pressedDepartment(event)
        // One read of the sender's contact serves both its ban and the address question.
        let contact = try await identity.awaitingFlatMap { try await contactRow($0.identity.contactID) }
        let ban = try contact.flatMap(PostgresStore.ban)
        let asked = try contact.flatMap { row in try (row["asking_address"] as Bool?) == true ? RowDecoding.contact(row) : nil }
        return IngestSnapshot(
            channel: channel,
            identity: identity,
            latest: try await identity.awaitingFlatMap { try await latestConversation($0.identity.id) },
            message: try await messageExternalID.awaitingFlatMap { try await message($0) },
            album: try await IngestReads.albumKey(event).awaitingFlatMap { try await album($0) },
            context: try await contextKey.awaitingFlatMap { try await context($0) },
            contactAskedForAddress: asked,
            pressedDepartmentExists: try await pressed.awaitingFlatMap { try await departmentExists($0) } ?? false,
            migrationTarget: try await IngestReads.migrationTarget(event).awaitingFlatMap { try await self.identity(externalID: $0) },
            nextIDs: Self.placeholderIDs,
            ban: ban,
            contactLatest: ban == nil ? nil : try await identity.awaitingFlatMap { try await contactLatest($0.identity.contactID) },
            floodLimits: floodLimits
        )
    }

    private func contactRow(_ contact: ContactID) async throws -> SQLRow? {
        try await db.row(sql: "SELECT * FROM contacts WHERE id = ?", arguments: [contact.rawValue])
    }

    private func contactLatest(_ contact: ContactID) async throws -> ConversationID? {
        try await db.value(Int64.self, sql: "SELECT MAX(id) AS id FROM conversations WHERE contact_id = ?", arguments: [contact.rawValue])
            .map(ConversationID.init)
    }

    private func flood(_ row: SQLRow) throws -> FloodState? {
        guard let start = try RowDecoding.optionalDate(row, "flood_window_start") else { return nil }
        return FloodState(
            windowStart: start,
            count: try row["flood_count"],
            mutedUntil: try RowDecoding.optionalDate(row, "flood_muted_until")
        )
    }

    private func channel() async throws -> IngestChannel {
        guard
            let row = try await db.row(
                sql: """
                    SELECT default_department_id, ask_department, answers_every_group_message,
                           EXISTS (SELECT 1 FROM departments) AS any_department
                    FROM channels WHERE id = ?
                    """,
                arguments: [event.channelID.rawValue]
            )
        else { throw StoreError.notFound("channel \(event.channelID)") }
        return IngestChannel(
            id: event.channelID,
            defaultDepartmentID: (try row["default_department_id"] as Int64?).map(DepartmentID.init),
            asksDepartment: try row["ask_department"],
            departmentsExist: try row["any_department"],
            answersEveryGroupMessage: try row["answers_every_group_message"]
        )
    }

    private func identity() async throws -> IdentityRow? {
        try await identity(externalID: event.sender.externalID)
    }

    private func identity(externalID: String) async throws -> IdentityRow? {
        try await db.row(
            sql: "SELECT * FROM identities WHERE channel_id = ? AND external_id = ?",
            arguments: [event.channelID.rawValue, externalID]
        ).map { row in
            IdentityRow(identity: try RowDecoding.identity(row), pendingContextKey: try row["pending_context_key"], flood: try flood(row))
        }
    }

    private func latestConversation(_ identity: IdentityID) async throws -> LatestConversation? {
        guard
            let row = try await db.row(
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
            holderIsOnline: (try row["holder_status"] as String?) == PresenceStatus.online.rawValue,
            isEscalated: (try row["priority"] as Int) > 0,
            queuedAt: try RowDecoding.optionalDate(row, "queued_at"),
            awaitsDepartment: try row["awaiting_department"],
            feedback: try await PostgresStore.fetchFeedback(db, conversation.id),
            autoCloseReopens: try row["auto_close_reopens"]
        )
    }

    private func message(_ externalID: String) async throws -> Message? {
        try await db.row(
            sql: "SELECT * FROM messages WHERE channel_id = ? AND external_id = ?",
            arguments: [event.channelID.rawValue, externalID]
        ).map(RowDecoding.message)
    }

    private func album(_ key: String) async throws -> Message? {
        try await db.row(
            sql: "SELECT * FROM messages WHERE channel_id = ? AND album_key = ?",
            arguments: [event.channelID.rawValue, key]
        ).map(RowDecoding.message)
    }

    private func context(_ key: String) async throws -> StoredContext? {
        try await db.row(sql: "SELECT identity_id, expires_at FROM contexts WHERE key = ?", arguments: [key]).map { row in
            StoredContext(
                key: key,
                ownerID: (try row["identity_id"] as Int64?).map(IdentityID.init),
                expiresAt: try RowDecoding.date(row, "expires_at")
            )
        }
    }

    private func departmentExists(_ department: DepartmentID) async throws -> Bool {
        try await db.row(sql: "SELECT 1 FROM departments WHERE id = ?", arguments: [department.rawValue]) != nil
    }

    /// What the snapshot names the rows the decision may create before their ids are drawn; no row
    /// has id 0, and `ingestOne` decides again with drawn ids before anything is written.
    static let placeholderIDs = ReservedIDs(
        contact: ContactID(0),
        identity: IdentityID(0),
        conversation: ConversationID(0),
        message: MessageID(0)
    )

    /// Draws the next ids of the identity sequences of the tables `rows` says ingest inserts into.
    ///
    /// Where SQLite reads `sqlite_sequence`, which only its single writer can advance, this draws
    /// from the sequences: a number drawn is this transaction's alone, whatever other instances do,
    /// and the rows are inserted with them. The others stay placeholders.
    static func reserveIDs(_ db: Session, _ rows: IngestWrites.NewRows) async throws -> ReservedIDs {
        var ids = placeholderIDs
        let sequences = [
            (rows.contact, "contacts_id_seq"), (rows.identity, "identities_id_seq"), (rows.conversation, "conversations_id_seq"),
            (rows.message, "messages_id_seq"),
        ]
        let drawn = sequences.filter(\.0).map { "nextval('\($0.1)') AS \($0.1)" }
        guard !drawn.isEmpty, let row = try await db.row(sql: "SELECT " + drawn.joined(separator: ", ")) else { return ids }
        if rows.contact { ids.contact = ContactID(try row["contacts_id_seq"]) }
        if rows.identity { ids.identity = IdentityID(try row["identities_id_seq"]) }
        if rows.conversation { ids.conversation = ConversationID(try row["conversations_id_seq"]) }
        if rows.message { ids.message = MessageID(try row["messages_id_seq"]) }
        return ids
    }
}

extension Optional {
    /// `flatMap` for a transform that awaits.
    fileprivate func awaitingFlatMap<Result>(_ transform: (Wrapped) async throws -> Result?) async rethrows -> Result? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
