public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    public func startFeedback(_ conversationID: ConversationID, at now: Date) async throws -> [Event] {
        try await pool.write { db in
            guard let conversation = try Self.fetchConversation(db, conversationID) else {
                throw StoreError.notFound("conversation \(conversationID)")
            }
            let start = ConversationFeedback.started(conversation, at: now)
            try db.cachedExecute(
                sql: """
                    INSERT INTO conversation_feedback (conversation_id, stage, asked_at, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (conversation_id) DO NOTHING
                    """,
                arguments: [
                    conversationID.rawValue, start.feedback.stage.rawValue, start.feedback.askedAt.timeIntervalSince1970,
                    start.feedback.updatedAt.timeIntervalSince1970,
                ]
            )
            guard db.changesCount > 0 else { return [] }
            var events = EventAppender(db)
            try events.append([start.event])
            return events.appended
        }
    }

    public func feedback(_ conversationID: ConversationID) async throws -> ConversationFeedback? {
        try await pool.read { db in try Self.fetchFeedback(db, conversationID) }
    }

    static func fetchFeedback(_ db: Database, _ conversationID: ConversationID) throws -> ConversationFeedback? {
        try db.cachedRow(sql: "SELECT * FROM conversation_feedback WHERE conversation_id = ?", arguments: [conversationID.rawValue]).map { row in
            ConversationFeedback(
                conversationID: conversationID,
                stage: try RowDecoding.enumValue(row, "stage"),
                resolved: row["resolved"],
                score: row["score"],
                comment: row["comment"],
                askedAt: RowDecoding.date(row, "asked_at"),
                updatedAt: RowDecoding.date(row, "updated_at")
            )
        }
    }

    static func saveFeedback(_ db: Database, _ feedback: ConversationFeedback) throws {
        try db.cachedExecute(
            sql: "UPDATE conversation_feedback SET stage = ?, resolved = ?, score = ?, comment = ?, updated_at = ? WHERE conversation_id = ?",
            arguments: [
                feedback.stage.rawValue, feedback.resolved, feedback.score, feedback.comment, feedback.updatedAt.timeIntervalSince1970,
                feedback.conversationID.rawValue,
            ]
        )
    }
}
