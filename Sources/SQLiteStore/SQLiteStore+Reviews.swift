public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    public func reviewSample(
        start: Date,
        end: Date,
        size: Int,
        operatorID: OperatorID?,
        departmentID: DepartmentID?,
        seed: UInt64
    ) async throws
        -> [ReviewCandidate]
    {
        var sql = """
            SELECT c.id FROM conversations c
            WHERE c.resolved_at IS NOT NULL AND c.resolved_at >= ? AND c.resolved_at < ?
              AND NOT EXISTS (SELECT 1 FROM conversation_reviews r WHERE r.conversation_id = c.id)
            """
        var arguments: StatementArguments = [start.timeIntervalSince1970, end.timeIntervalSince1970]
        if let operatorID {
            sql += " AND c.assignee_id = ?"
            arguments += [operatorID.rawValue]
        }
        if let departmentID {
            sql += " AND c.department_id = ?"
            arguments += [departmentID.rawValue]
        }
        sql += " ORDER BY c.id"
        return try await pool.read { [sql, arguments] db in
            let candidates = try Int64.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
            return try ReviewSampling.pick(candidates, size: size, seed: seed).compactMap { id in
                try db.cachedRow(
                    sql: """
                        SELECT c.id, c.channel_id, c.assignee_id, c.opened_at, c.resolved_at, ct.display_name AS contact_name,
                               o.display_name AS operator_name,
                               (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id AND m.direction IN ('in', 'out')) AS message_count
                        FROM conversations c
                        JOIN contacts ct ON ct.id = c.contact_id
                        LEFT JOIN operators o ON o.id = c.assignee_id
                        WHERE c.id = ?
                        """,
                    arguments: [id]
                ).map { row in
                    ReviewCandidate(
                        conversationID: ConversationID(row["id"]),
                        contactName: row["contact_name"],
                        channelID: ChannelID(row["channel_id"]),
                        operatorID: (row["assignee_id"] as Int64?).map(OperatorID.init),
                        operatorName: row["operator_name"],
                        openedAt: RowDecoding.date(row, "opened_at"),
                        resolvedAt: RowDecoding.date(row, "resolved_at"),
                        messageCount: row["message_count"]
                    )
                }
            }
        }
    }

    public func saveReview(
        conversationID: ConversationID,
        reviewerID: OperatorID,
        score: Int,
        comment: String,
        at now: Date
    ) async throws
        -> Review
    {
        try await pool.write { db in
            guard let row = try db.cachedRow(sql: "SELECT status, assignee_id FROM conversations WHERE id = ?", arguments: [conversationID.rawValue])
            else { throw ReviewError.conversationNotFound }
            try Review.check(try RowDecoding.enumValue(row, "status"))
            try db.cachedExecute(
                sql: """
                    INSERT INTO conversation_reviews (conversation_id, reviewer_id, operator_id, score, comment, reviewed_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (conversation_id) DO UPDATE SET reviewer_id = excluded.reviewer_id, operator_id = excluded.operator_id,
                        score = excluded.score, comment = excluded.comment, reviewed_at = excluded.reviewed_at
                    """,
                arguments: [conversationID.rawValue, reviewerID.rawValue, row["assignee_id"] as Int64?, score, comment, now.timeIntervalSince1970]
            )
            guard let review = try Self.fetchReviews(db, where: "r.conversation_id = ?", [conversationID.rawValue]).first else {
                throw ReviewError.conversationNotFound
            }
            return review
        }
    }

    public func review(of conversationID: ConversationID) async throws -> Review? {
        try await pool.read { db in try Self.fetchReviews(db, where: "r.conversation_id = ?", [conversationID.rawValue]).first }
    }

    public func reviews(operatorID: OperatorID?, start: Date, end: Date) async throws -> [Review] {
        try await pool.read { db in
            if let operatorID {
                return try Self.fetchReviews(
                    db,
                    where: "r.operator_id = ? AND r.reviewed_at >= ? AND r.reviewed_at < ?",
                    [operatorID.rawValue, start.timeIntervalSince1970, end.timeIntervalSince1970]
                )
            }
            return try Self.fetchReviews(
                db,
                where: "r.reviewed_at >= ? AND r.reviewed_at < ?",
                [start.timeIntervalSince1970, end.timeIntervalSince1970]
            )
        }
    }

    public func handled(_ conversationID: ConversationID, by operatorID: OperatorID) async throws -> Bool {
        try await pool.read { db in
            try db.cachedValue(
                Bool.self,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM conversations WHERE id = ? AND assignee_id = ?)
                        OR EXISTS (SELECT 1 FROM conversation_reviews WHERE conversation_id = ? AND operator_id = ?)
                        OR EXISTS (SELECT 1 FROM messages WHERE conversation_id = ? AND direction = 'out' AND author_operator_id = ?)
                    """,
                arguments: [
                    conversationID.rawValue, operatorID.rawValue, conversationID.rawValue, operatorID.rawValue, conversationID.rawValue,
                    operatorID.rawValue,
                ]
            ) ?? false
        }
    }

    private static func fetchReviews(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> [Review] {
        try db.cachedRows(
            sql: """
                SELECT r.*, o.display_name AS reviewer_name FROM conversation_reviews r JOIN operators o ON o.id = r.reviewer_id
                WHERE \(condition) ORDER BY r.reviewed_at DESC, r.conversation_id DESC
                """,
            arguments: arguments
        ).map { row in
            Review(
                conversationID: ConversationID(row["conversation_id"]),
                reviewerID: OperatorID(row["reviewer_id"]),
                reviewerName: row["reviewer_name"],
                operatorID: (row["operator_id"] as Int64?).map(OperatorID.init),
                score: row["score"],
                comment: row["comment"],
                reviewedAt: RowDecoding.date(row, "reviewed_at")
            )
        }
    }
}
