public import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func scheduleTimer(_ timer: ScheduledTimer) async throws {
        try await write { db in
            try await db.execute(
                sql: """
                    INSERT INTO scheduled_timers (key, kind, conversation_id, due_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, conversation_id = excluded.conversation_id, due_at = excluded.due_at
                    """,
                arguments: [timer.key, timer.kind.rawValue, timer.conversationID.rawValue, timer.dueAt.timeIntervalSince1970]
            )
        }
    }

    public func cancelTimer(key: String) async throws {
        try await write { db in
            try await db.execute(sql: "DELETE FROM scheduled_timers WHERE key = ?", arguments: [key])
        }
    }

    /// The timers due at `now`. Nothing is claimed: a timer stays until `completeTimer` removes it
    /// (only at the time it fired), and the work it triggers decides on the rows in its own write.
    public func dueTimers(at now: Date, limit: Int) async throws -> [ScheduledTimer] {
        try await read { db in
            try await db.rows(
                sql: "SELECT * FROM scheduled_timers WHERE due_at <= ? ORDER BY due_at, key LIMIT ?",
                arguments: [now.timeIntervalSince1970, limit]
            )
            .map { row in
                ScheduledTimer(
                    key: try row["key"],
                    kind: try RowDecoding.enumValue(row, "kind"),
                    conversationID: ConversationID(try row["conversation_id"]),
                    dueAt: try RowDecoding.date(row, "due_at")
                )
            }
        }
    }

    public func nextTimerDue() async throws -> Date? {
        try await read { db in
            try await db.value(Double.self, sql: "SELECT MIN(due_at) FROM scheduled_timers").map(Date.init(timeIntervalSince1970:))
        }
    }

    public func completeTimer(_ timer: ScheduledTimer) async throws {
        try await write { db in
            try await db.execute(
                sql: "DELETE FROM scheduled_timers WHERE key = ? AND due_at = ?",
                arguments: [timer.key, timer.dueAt.timeIntervalSince1970]
            )
        }
    }
}
