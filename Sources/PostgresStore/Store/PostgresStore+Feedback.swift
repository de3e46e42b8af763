public import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func startFeedback(_ conversationID: ConversationID, at now: Date) async throws -> [Event] {
        try await write { db in
            guard let conversation = try await Self.fetchConversation(db, conversationID) else {
                throw StoreError.notFound("conversation \(conversationID)")
            }
            let start = ConversationFeedback.started(conversation, at: now)
            let inserted = try await db.changes(
                sql: """
                    INSERT INTO conversation_feedback (conversation_id, stage, asked_at, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (conversation_id) DO NOTHING
                    """,
                arguments: [
                    conversationID.rawValue, start.feedback.stage.rawValue, start.feedback.askedAt.timeIntervalSince1970,
                    start.feedback.updatedAt.timeIntervalSince1970,
                ]
            )
            guard inserted > 0 else { return [] }
            var events = EventAppender(db)
            try await events.append([start.event])
            return events.appended
        }
    }

    public func feedback(_ conversationID: ConversationID) async throws -> ConversationFeedback? {
        try await read { db in try await Self.fetchFeedback(db, conversationID) }
    }

    static func fetchFeedback(_ db: Session, _ conversationID: ConversationID) async throws -> ConversationFeedback? {
        let row = try await db.row(sql: "SELECT * FROM conversation_feedback WHERE conversation_id = ?", arguments: [conversationID.rawValue])
        return try row.map { row in
            ConversationFeedback(
                conversationID: conversationID,
                stage: try RowDecoding.enumValue(row, "stage"),
                resolved: try row["resolved"],
                score: try row["score"],
                comment: try row["comment"],
                askedAt: try RowDecoding.date(row, "asked_at"),
                updatedAt: try RowDecoding.date(row, "updated_at")
            )
        }
    }

    static func saveFeedback(_ db: Session, _ feedback: ConversationFeedback) async throws {
        try await db.execute(
            sql: "UPDATE conversation_feedback SET stage = ?, resolved = ?, score = ?, comment = ?, updated_at = ? WHERE conversation_id = ?",
            arguments: [
                feedback.stage.rawValue, feedback.resolved, feedback.score, feedback.comment, feedback.updatedAt.timeIntervalSince1970,
                feedback.conversationID.rawValue,
            ]
        )
    }
}
