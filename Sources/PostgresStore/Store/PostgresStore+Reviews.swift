public import Foundation
public import SwitchboardCore

extension PostgresStore {
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
        var arguments: [any SQLArgument] = [start.timeIntervalSince1970, end.timeIntervalSince1970]
        if let operatorID {
            sql += " AND c.assignee_id = ?"
            arguments.append(operatorID.rawValue)
        }
        if let departmentID {
            sql += " AND c.department_id = ?"
            arguments.append(departmentID.rawValue)
        }
        sql += " ORDER BY c.id"
        return try await read { [sql, arguments] db in
            let candidates = try await db.values(Int64.self, sql: sql, arguments: arguments)
            var sample: [ReviewCandidate] = []
            for id in ReviewSampling.pick(candidates, size: size, seed: seed) {
                let row = try await db.row(
                    sql: """
                        SELECT c.id, c.channel_id, c.assignee_id, c.opened_at, c.resolved_at, ct.display_name AS contact_name,
                               o.display_name AS operator_name,
                               (SELECT COUNT(*) FROM messages m
                                WHERE m.conversation_id = c.id AND m.direction IN ('in', 'out')) AS message_count
                        FROM conversations c
                        JOIN contacts ct ON ct.id = c.contact_id
                        LEFT JOIN operators o ON o.id = c.assignee_id
                        WHERE c.id = ?
                        """,
                    arguments: [id]
                )
                guard let row else { continue }
                sample.append(
                    try ReviewCandidate(
                        conversationID: ConversationID(row["id"]),
                        contactName: row["contact_name"],
                        channelID: ChannelID(row["channel_id"]),
                        operatorID: (row["assignee_id"] as Int64?).map(OperatorID.init),
                        operatorName: row["operator_name"],
                        openedAt: RowDecoding.date(row, "opened_at"),
                        resolvedAt: RowDecoding.date(row, "resolved_at"),
                        messageCount: row["message_count"]
                    )
                )
            }
            return sample
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
        try await write { db in
            guard
                let row = try await db.row(
                    sql: "SELECT status, assignee_id FROM conversations WHERE id = ?",
                    arguments: [conversationID.rawValue]
                )
            else { throw ReviewError.conversationNotFound }
            try Review.check(try RowDecoding.enumValue(row, "status"))
            let assigneeID: Int64? = try row["assignee_id"]
            try await db.execute(
                sql: """
                    INSERT INTO conversation_reviews (conversation_id, reviewer_id, operator_id, score, comment, reviewed_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (conversation_id) DO UPDATE SET reviewer_id = excluded.reviewer_id, operator_id = excluded.operator_id,
                        score = excluded.score, comment = excluded.comment, reviewed_at = excluded.reviewed_at
                    """,
                arguments: [conversationID.rawValue, reviewerID.rawValue, assigneeID, score, comment, now.timeIntervalSince1970]
            )
            guard let review = try await Self.fetchReviews(db, where: "r.conversation_id = ?", [conversationID.rawValue]).first else {
                throw ReviewError.conversationNotFound
            }
            return review
        }
    }

    public func review(of conversationID: ConversationID) async throws -> Review? {
        try await read { db in try await Self.fetchReviews(db, where: "r.conversation_id = ?", [conversationID.rawValue]).first }
    }

    public func reviews(operatorID: OperatorID?, start: Date, end: Date) async throws -> [Review] {
        try await read { db in
            if let operatorID {
                return try await Self.fetchReviews(
                    db,
                    where: "r.operator_id = ? AND r.reviewed_at >= ? AND r.reviewed_at < ?",
                    [operatorID.rawValue, start.timeIntervalSince1970, end.timeIntervalSince1970]
                )
            }
            return try await Self.fetchReviews(
                db,
                where: "r.reviewed_at >= ? AND r.reviewed_at < ?",
                [start.timeIntervalSince1970, end.timeIntervalSince1970]
            )
        }
    }

    public func handled(_ conversationID: ConversationID, by operatorID: OperatorID) async throws -> Bool {
        try await read { db in
            try await db.value(
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

    private static func fetchReviews(_ db: Session, where condition: String, _ arguments: [any SQLArgument]) async throws -> [Review] {
        try await db.rows(
            sql: """
                SELECT r.*, o.display_name AS reviewer_name FROM conversation_reviews r JOIN operators o ON o.id = r.reviewer_id
                WHERE \(condition) ORDER BY r.reviewed_at DESC, r.conversation_id DESC
                """,
            arguments: arguments
        ).map { row in
            try Review(
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
