public import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func enqueueBotMessage(_ draft: BotMessageDraft, at now: Date) async throws -> EnqueuedReply? {
        try await write { db in
            var events = EventAppender(db)
            guard let message = try await Self.insertBotMessage(db, draft, at: now, events: &events) else { return nil }
            return EnqueuedReply(message: message, events: events.appended)
        }
    }

    /// Stores a bot message with its outbox row and buttons, as `BotMessageRule` decides; nil when its trigger was used before.
    static func insertBotMessage(
        _ db: Session,
        _ draft: BotMessageDraft,
        at now: Date,
        events: inout EventAppender
    ) async throws -> Message? {
        guard let conversation = try await fetchConversation(db, draft.conversationID) else {
            throw StoreError.notFound("conversation \(draft.conversationID)")
        }
        let used = try await db.row(
            sql: "SELECT 1 FROM automation_sent WHERE conversation_id = ? AND trigger = ?",
            arguments: [conversation.id.rawValue, draft.trigger]
        )
        guard let rule = BotMessageRule.decide(draft, in: conversation, triggerUsed: used != nil, at: now) else { return nil }
        let message = try await queueOutbound(db, rule.message(id: MessageID(0)), channel: conversation.channelID)
        try await db.execute(
            sql: "INSERT INTO automation_sent (conversation_id, trigger, message_id, sent_at) VALUES (?, ?, ?, ?)",
            arguments: [conversation.id.rawValue, draft.trigger, message.id.rawValue, now.timeIntervalSince1970]
        )
        if !draft.buttons.isEmpty {
            try await db.execute(
                sql: "INSERT INTO message_buttons (message_id, buttons) VALUES (?, ?)",
                arguments: [message.id.rawValue, String(decoding: try JSONEncoder().encode(draft.buttons), as: UTF8.self)]
            )
        }
        try await events.append(rule.events(for: message))
        return message
    }

    public func queuePosition(of conversationID: ConversationID) async throws -> Int? {
        try await read { db in
            guard let conversation = try await Self.fetchConversation(db, conversationID), conversation.assigneeID == nil,
                conversation.status != .resolved
            else { return nil }
            // The routing queue's own order (escalated first, then longest waiting), within the department.
            guard
                let row = try await db.rows(
                    sql: "SELECT priority, COALESCE(queued_at, opened_at) AS since FROM conversations WHERE id = ?",
                    arguments: [conversationID.rawValue]
                ).first
            else { return nil }
            let priority: Int = try row["priority"]
            let since: Double = try row["since"]
            // `IS NOT DISTINCT FROM` is SQLite's `IS`: no department matches no department.
            let ahead =
                try await db.value(
                    Int.self,
                    sql: """
                        SELECT COUNT(*) FROM conversations
                        WHERE status = 'open' AND assignee_id IS NULL AND department_id IS NOT DISTINCT FROM ? AND id != ?
                          AND (priority > ? OR (priority = ? AND (COALESCE(queued_at, opened_at) < ?
                               OR (COALESCE(queued_at, opened_at) = ? AND id < ?))))
                        """,
                    arguments: [
                        conversation.departmentID?.rawValue, conversationID.rawValue, priority, priority, since, since,
                        conversationID.rawValue,
                    ]
                ) ?? 0
            return ahead + 1
        }
    }

    public func departmentChoices(_ conversationID: ConversationID) async throws -> [Department] {
        try await read { db in
            let waits = try await db.value(
                Bool.self,
                sql: "SELECT awaiting_department FROM conversations WHERE id = ?",
                arguments: [conversationID.rawValue]
            )
            guard waits == true else { return [] }
            return try await db.rows(
                sql: "SELECT id, name FROM departments ORDER BY name LIMIT ?",
                arguments: [DepartmentChoice.keyboardSize]
            )
            .map { row in
                Department(id: DepartmentID(try row["id"]), name: try row["name"])
            }
        }
    }

    public func escalatedAt(_ conversationID: ConversationID) async throws -> Date? {
        try await read { db in
            try await db.value(
                Double.self,
                sql: "SELECT escalated_at FROM conversations WHERE id = ?",
                arguments: [conversationID.rawValue]
            )
            .map { Date(timeIntervalSince1970: $0) }
        }
    }

    public func operatorName(_ id: OperatorID) async throws -> String? {
        try await read { db in
            try await db.value(String.self, sql: "SELECT display_name FROM operators WHERE id = ?", arguments: [id.rawValue])
        }
    }

    public func autoClose(
        _ conversationID: ConversationID,
        idleSince: Date,
        reopens: Bool,
        farewell: BotMessageDraft?,
        at now: Date
    ) async throws
        -> [Event]?
    {
        try await write { db in
            guard let conversation = try await Self.fetchConversation(db, conversationID) else { return nil }
            let awaitingReply =
                try await db.value(
                    Bool.self,
                    sql: "SELECT awaiting_reply FROM conversations WHERE id = ?",
                    arguments: [conversationID.rawValue]
                )
                ?? false
            let snapshot = AutoCloseRule.Snapshot(conversation: conversation, awaitingReply: awaitingReply)
            guard let close = AutoCloseRule.decide(snapshot, idleSince: idleSince, reopens: reopens, at: now) else { return nil }
            var events = EventAppender(db)
            if let farewell { _ = try await Self.insertBotMessage(db, farewell, at: now, events: &events) }
            try await db.execute(
                sql: "UPDATE conversations SET status = 'resolved', resolved_at = ? WHERE id = ?",
                arguments: [close.closedAt.timeIntervalSince1970, conversationID.rawValue]
            )
            try await db.execute(
                sql: """
                    INSERT INTO automatic_closes (conversation_id, reopens, closed_at) VALUES (?, ?, ?)
                    ON CONFLICT (conversation_id) DO UPDATE SET reopens = excluded.reopens, closed_at = excluded.closed_at
                    """,
                arguments: [conversationID.rawValue, close.reopens, close.closedAt.timeIntervalSince1970]
            )
            try await events.append(close.events)
            return events.appended
        }
    }

    public func wasAutoClosed(_ conversationID: ConversationID) async throws -> Bool {
        try await read { db in
            try await db.row(sql: "SELECT 1 FROM automatic_closes WHERE conversation_id = ?", arguments: [conversationID.rawValue]) != nil
        }
    }
}
