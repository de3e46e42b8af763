public import PostgresStore

extension PostgresStore: AppStore {
    public func queueCounts() async throws -> QueueCounts {
        let counts = try await operationalCounts()
        return QueueCounts(outboxPending: counts.outboxPending, waitingConversations: counts.waitingConversations)
    }

    /// Stops the pool without waiting for its connections to close (`AppStore.close` cannot wait).
    public func close() throws {
        shutdown()
    }
}
