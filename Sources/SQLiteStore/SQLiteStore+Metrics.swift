import GRDB

/// Facts of the database a monitoring scrape reports.
public struct OperationalCounts: Sendable, Equatable {
    /// Outbound messages queued or waiting to retry.
    public var outboxPending: Int
    /// Open conversations no operator has taken.
    public var waitingConversations: Int
}

extension SQLiteStore {
    /// Counts for the `/metrics` gauges, read in one snapshot.
    public func operationalCounts() async throws -> OperationalCounts {
        try await pool.read { db in
            OperationalCounts(
                outboxPending: try db.cachedValue(Int.self, sql: "SELECT COUNT(*) FROM outbox") ?? 0,
                waitingConversations: try db.cachedValue(
                    Int.self,
                    sql: "SELECT COUNT(*) FROM conversations WHERE status = 'open' AND assignee_id IS NULL"
                ) ?? 0
            )
        }
    }
}
