/// Facts of the database a monitoring scrape reports.
public struct OperationalCounts: Sendable, Equatable {
    /// Outbound messages queued or waiting to retry.
    public var outboxPending: Int
    /// Open conversations no operator has taken.
    public var waitingConversations: Int
}

extension PostgresStore {
    /// Counts for the `/metrics` gauges, read in one snapshot.
    public func operationalCounts() async throws -> OperationalCounts {
        try await read { db in
            OperationalCounts(
                outboxPending: try await db.value(Int.self, sql: "SELECT COUNT(*) FROM outbox") ?? 0,
                waitingConversations: try await db.value(
                    Int.self,
                    sql: "SELECT COUNT(*) FROM conversations WHERE status = 'open' AND assignee_id IS NULL"
                ) ?? 0
            )
        }
    }
}
