public import SQLiteStore

extension SQLiteStore: AppStore {
    public func queueCounts() async throws -> QueueCounts {
        let counts = try await operationalCounts()
        return QueueCounts(outboxPending: counts.outboxPending, waitingConversations: counts.waitingConversations)
    }
}
