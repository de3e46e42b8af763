public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    public func scheduleTimer(_ timer: ScheduledTimer) async throws {
        try await pool.write { db in
            try db.cachedExecute(
                sql: """
                    INSERT INTO scheduled_timers (key, kind, conversation_id, due_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, conversation_id = excluded.conversation_id, due_at = excluded.due_at
                    """,
                arguments: [timer.key, timer.kind.rawValue, timer.conversationID.rawValue, timer.dueAt.timeIntervalSince1970]
            )
        }
    }

    public func cancelTimer(key: String) async throws {
        try await pool.write { db in
            try db.cachedExecute(sql: "DELETE FROM scheduled_timers WHERE key = ?", arguments: [key])
        }
    }

    public func dueTimers(at now: Date, limit: Int) async throws -> [ScheduledTimer] {
        try await pool.read { db in
            try db.cachedRows(
                sql: "SELECT * FROM scheduled_timers WHERE due_at <= ? ORDER BY due_at, key LIMIT ?",
                arguments: [now.timeIntervalSince1970, limit]
            )
            .map { row in
                ScheduledTimer(
                    key: row["key"],
                    kind: try RowDecoding.enumValue(row, "kind"),
                    conversationID: ConversationID(row["conversation_id"]),
                    dueAt: RowDecoding.date(row, "due_at")
                )
            }
        }
    }

    public func nextTimerDue() async throws -> Date? {
        try await pool.read { db in
            try db.cachedValue(Double.self, sql: "SELECT MIN(due_at) FROM scheduled_timers").map(Date.init(timeIntervalSince1970:))
        }
    }

    public func completeTimer(_ timer: ScheduledTimer) async throws {
        try await pool.write { db in
            try db.cachedExecute(
                sql: "DELETE FROM scheduled_timers WHERE key = ? AND due_at = ?",
                arguments: [timer.key, timer.dueAt.timeIntervalSince1970]
            )
        }
    }
}
