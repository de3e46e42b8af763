public import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func staffSnapshot(_ update: StaffUpdate, linkCode: String?, at now: Date) async throws -> StaffSnapshot {
        try await read { db in
            let handled =
                try await db.row(
                    sql: "SELECT 1 FROM staff_updates WHERE channel_id = ? AND update_id = ?",
                    arguments: [update.channelID.rawValue, update.updateID]
                ) != nil
            let sender = try await db.row(
                sql: "SELECT o.* FROM telegram_links l JOIN operators o ON o.id = l.operator_id WHERE l.telegram_user_id = ?",
                arguments: [update.senderID]
            ).map(Self.staffOperator)
            var conversation: ConversationID?
            var assignee: OperatorID?
            if let thread = update.threadID,
                let row = try await db.row(
                    sql: """
                        SELECT c.id, c.assignee_id FROM staff_topics t JOIN conversations c ON c.id = t.conversation_id
                        WHERE t.channel_id = ? AND t.chat_id = ? AND t.thread_id = ?
                        """,
                    arguments: [update.channelID.rawValue, update.chatID, thread]
                )
            {
                conversation = ConversationID(try row["id"])
                assignee = (try row["assignee_id"] as Int64?).map(OperatorID.init)
            }
            let operators = try await db.rows(sql: "SELECT * FROM operators ORDER BY id").map(Self.staffOperator)
            var owner: StaffOperator?
            if let linkCode {
                owner = try await db.row(
                    sql: """
                        SELECT o.* FROM telegram_link_codes k JOIN operators o ON o.id = k.operator_id
                        WHERE k.code = ? AND k.expires_at > ?
                        """,
                    arguments: [linkCode, now.timeIntervalSince1970]
                ).map(Self.staffOperator)
            }
            return StaffSnapshot(
                alreadyHandled: handled,
                sender: sender,
                conversationID: conversation,
                assigneeID: assignee,
                operators: operators,
                codeOwner: owner
            )
        }
    }

    private static func staffOperator(_ row: SQLRow) throws -> StaffOperator {
        let role: String = try row["role"]
        return StaffOperator(
            id: OperatorID(try row["id"]),
            login: try row["login"],
            displayName: try row["display_name"],
            isActive: try row["active"],
            role: OperatorRole(rawValue: role) ?? .operator
        )
    }

    public func applyStaff(_ update: StaffUpdate, effects: [StaffEffect], at now: Date) async throws -> [Event] {
        try await write { db in
            let inserted = try await db.changes(
                sql: "INSERT INTO staff_updates (channel_id, update_id, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                arguments: [update.channelID.rawValue, update.updateID, now.timeIntervalSince1970]
            )
            // Handled before: a redelivery stores nothing again.
            guard inserted == 1 else { return [] }
            var events = EventAppender(db)
            for effect in effects {
                switch effect {
                case .assign, .transition, .ban:
                    continue
                case .reply(let draft, let topicMessageID):
                    let message = try await Self.writeReply(db, draft, at: now, events: &events)
                    try await Self.rememberTopicMessage(db, message.id, chatID: update.chatID, topicMessageID: topicMessageID)
                case .note(let conversation, let author, let text, let topicMessageID):
                    let message = try await Self.writeNote(
                        db,
                        conversationID: conversation,
                        operatorID: author,
                        text: text,
                        at: now,
                        events: &events
                    )
                    try await Self.rememberTopicMessage(db, message.id, chatID: update.chatID, topicMessageID: topicMessageID)
                case .link(let telegramUser, let operatorID, let code):
                    try await db.execute(
                        sql: "DELETE FROM telegram_links WHERE telegram_user_id = ? OR operator_id = ?",
                        arguments: [telegramUser, operatorID.rawValue]
                    )
                    try await db.execute(
                        sql: "INSERT INTO telegram_links (telegram_user_id, operator_id, linked_at) VALUES (?, ?, ?)",
                        arguments: [telegramUser, operatorID.rawValue, now.timeIntervalSince1970]
                    )
                    try await db.execute(sql: "DELETE FROM telegram_link_codes WHERE code = ?", arguments: [code])
                case .notice(let draft):
                    try await Self.insertTopicJob(db, draft)
                }
            }
            return events.appended
        }
    }

    private static func rememberTopicMessage(_ db: Session, _ id: MessageID, chatID: Int64, topicMessageID: Int64) async throws {
        try await db.execute(
            sql: "INSERT INTO topic_messages (message_id, chat_id, topic_message_id) VALUES (?, ?, ?)",
            arguments: [id.rawValue, chatID, topicMessageID]
        )
    }

    public func issueTelegramLinkCode(_ code: String, for operatorID: OperatorID, expiresAt: Date) async throws {
        try await write { db in
            try await db.execute(
                sql: "DELETE FROM telegram_link_codes WHERE operator_id = ? OR code = ?",
                arguments: [operatorID.rawValue, code]
            )
            try await db.execute(
                sql: "INSERT INTO telegram_link_codes (code, operator_id, expires_at) VALUES (?, ?, ?)",
                arguments: [code, operatorID.rawValue, expiresAt.timeIntervalSince1970]
            )
        }
    }

    public func linkedTelegramUser(of operatorID: OperatorID) async throws -> Int64? {
        try await read { db in
            try await db.value(
                Int64.self,
                sql: "SELECT telegram_user_id FROM telegram_links WHERE operator_id = ?",
                arguments: [operatorID.rawValue]
            )
        }
    }
}
