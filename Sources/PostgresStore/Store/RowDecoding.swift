import Foundation
import SwitchboardCore

/// Maps rows of the snake_case schema to domain values, as `RowDecoding` does for SQLite.
enum RowDecoding {
    static func date(_ row: SQLRow, _ column: String) throws -> Date {
        try Date(timeIntervalSince1970: row[column])
    }

    static func optionalDate(_ row: SQLRow, _ column: String) throws -> Date? {
        try (row[column] as Double?).map(Date.init(timeIntervalSince1970:))
    }

    static func channel(_ row: SQLRow) throws -> Channel {
        try Channel(
            id: ChannelID(row["id"]),
            kind: try enumValue(row, "kind"),
            name: row["name"],
            mode: try enumValue(row, "mode"),
            persona: Persona(name: row["persona_name"], avatarURL: row["persona_avatar_url"]),
            defaultDepartmentID: (row["default_department_id"] as Int64?).map(DepartmentID.init),
            isPaused: row["paused"],
            problem: row["problem"]
        )
    }

    static func contact(_ row: SQLRow) throws -> Contact {
        try Contact(
            id: ContactID(row["id"]),
            displayName: row["display_name"],
            preferredName: row["preferred_name"],
            phone: row["phone"],
            language: row["language"],
            notes: row["notes"]
        )
    }

    static func identity(_ row: SQLRow) throws -> Identity {
        try Identity(
            id: IdentityID(row["id"]),
            contactID: ContactID(row["contact_id"]),
            channelID: ChannelID(row["channel_id"]),
            externalID: row["external_id"],
            username: row["username"],
            profileName: row["profile_name"],
            language: row["language"],
            avatarURL: row["avatar_url"],
            country: row["country"],
            isReachable: row["reachable"]
        )
    }

    static func conversation(_ row: SQLRow) throws -> Conversation {
        try Conversation(
            id: ConversationID(row["id"]),
            contactID: ContactID(row["contact_id"]),
            channelID: ChannelID(row["channel_id"]),
            identityID: IdentityID(row["identity_id"]),
            status: try enumValue(row, "status"),
            assigneeID: (row["assignee_id"] as Int64?).map(OperatorID.init),
            departmentID: (row["department_id"] as Int64?).map(DepartmentID.init),
            contextKey: row["context_key"],
            openedAt: date(row, "opened_at"),
            firstResponseAt: optionalDate(row, "first_response_at"),
            resolvedAt: optionalDate(row, "resolved_at"),
            lastMessageAt: date(row, "last_message_at")
        )
    }

    static func message(_ row: SQLRow) throws -> Message {
        let author: MessageAuthor =
            switch try row["author_kind"] as String {
            case "operator": .operator(OperatorID(try row["author_operator_id"]))
            case "bot": .bot
            case "system": .system
            default: .client
            }
        let attachmentsJSON: String = try row["attachments"]
        return try Message(
            id: MessageID(row["id"]),
            conversationID: ConversationID(row["conversation_id"]),
            direction: try enumValue(row, "direction"),
            author: author,
            text: row["text"],
            attachments: try JSONDecoder().decode([Attachment].self, from: Data(attachmentsJSON.utf8)),
            externalID: row["external_id"],
            deliveryState: try (row["delivery_state"] as String?).map { try decodeEnum($0, "delivery_state") },
            failureReason: row["failure_reason"],
            createdAt: date(row, "created_at"),
            editedAt: optionalDate(row, "edited_at"),
            deletedAt: optionalDate(row, "deleted_at"),
            sentiment: try (row["sentiment"] as String?).map { try decodeEnum($0, "sentiment") },
            hold: try (row["hold"] as String?).map { try decodeEnum($0, "hold") },
            member: (row["member_external_id"] as String?).map { id in
                try GroupMember(externalID: id, displayName: row["member_name"] ?? "", username: row["member_username"])
            }
        )
    }

    static func event(_ row: SQLRow) throws -> Event {
        try Event(
            seq: row["seq"],
            kind: try enumValue(row, "kind"),
            occurredAt: date(row, "occurred_at"),
            contactID: (row["contact_id"] as Int64?).map(ContactID.init),
            conversationID: (row["conversation_id"] as Int64?).map(ConversationID.init),
            messageID: (row["message_id"] as Int64?).map(MessageID.init),
            payload: row["payload"]
        )
    }

    static func enumValue<T: RawRepresentable>(_ row: SQLRow, _ column: String) throws -> T where T.RawValue == String {
        try decodeEnum(try row[column], column)
    }

    static func decodeEnum<T: RawRepresentable>(_ raw: String, _ column: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: raw) else { throw StoreError.invalid("unexpected \(column) '\(raw)' in the database") }
        return value
    }
}

extension RowDecoding {
    static func operatorValue(_ row: SQLRow) throws -> Operator {
        try Operator(
            id: OperatorID(row["id"]),
            login: row["login"],
            displayName: row["display_name"],
            avatarURL: row["avatar_url"],
            role: try enumValue(row, "role"),
            status: try enumValue(row, "status"),
            maxConcurrentConversations: row["max_concurrent"]
        )
    }

    /// Decodes a row of `InboxSQL.summarySelect`.
    static func summary(_ row: SQLRow) throws -> ConversationSummary {
        let assigneeID: Int64? = try row["assignee_id"]
        let lastID: Int64? = try row["last_id"]
        return try ConversationSummary(
            id: ConversationID(row["id"]),
            status: try enumValue(row, "status"),
            contact: ContactRef(id: ContactID(row["contact_id"]), displayName: row["contact_name"], preferredName: row["preferred_name"]),
            channel: ChannelRef(id: ChannelID(row["channel_id"]), kind: try enumValue(row, "channel_kind"), name: row["channel_name"]),
            assignee: assigneeID.map { try OperatorRef(id: OperatorID($0), displayName: row["assignee_name"] ?? "") },
            departmentID: (row["department_id"] as Int64?).map(DepartmentID.init),
            contextKey: row["context_key"],
            openedAt: date(row, "opened_at"),
            lastMessageAt: date(row, "last_message_at"),
            awaitingReply: row["awaiting_reply"],
            lastMessage: try lastID.map {
                try MessagePreview(
                    id: MessageID($0),
                    direction: try enumValue(row, "last_direction"),
                    text: row["last_text"],
                    createdAt: date(row, "last_created_at")
                )
            },
            sentiment: SentimentCounts(positive: row["positive_count"], negative: row["negative_count"]),
            escalated: (row["escalated_at"] as Double?) != nil
        )
    }

    /// Decodes a row of `InboxSQL.timelineSelect`.
    static func timelineEntry(_ row: SQLRow) throws -> TimelineEntry {
        try TimelineEntry(
            message: try message(row),
            authorName: row["author_name"],
            channel: ChannelRef(id: ChannelID(row["channel_id"]), kind: try enumValue(row, "channel_kind"), name: row["channel_name"]),
            revision: try (row["last_revision"] as String?).map { try JSONDecoder().decode(RevisionStatus.self, from: Data($0.utf8)) }
        )
    }
}
