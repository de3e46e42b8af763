import Logging

/// Reads the store until it answers, for work that must not give up on a passing outage: a
/// channel restarted while the database is briefly unreachable would otherwise stay stopped on
/// this instance until its next change.
struct StoreReadRetry {
    /// The wait between two tries.
    var interval: Duration = .seconds(2)
    let logger: Logger

    /// The value `read` returns, tried again after each failure; nil only when the task is
    /// cancelled (shutdown) before a try succeeded.
    func value<Value: Sendable>(_ what: String, _ read: () async throws -> Value) async -> Value? {
        while !Task.isCancelled {
            do {
                return try await read()
            } catch {
                logger.warning("could not read \(what); trying again", metadata: ["error": "\(error)", "in": "\(interval)"])
                try? await Task.sleep(for: interval)
            }
        }
        return nil
    }
}
