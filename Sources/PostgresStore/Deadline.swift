import Synchronization

/// The database did not answer in time: it is down, unreachable, or every connection is busy.
public struct DatabaseUnavailable: Error, CustomStringConvertible {
    /// The server, as `PostgresLocation.description` names it (never with the password).
    public let server: String
    public let waited: Duration

    public var description: String {
        let (seconds, attoseconds) = waited.components
        let wait = attoseconds == 0 ? "\(seconds) s" : "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000) ms"
        return "PostgreSQL at \(server) did not answer within \(wait)"
    }
}

/// Runs `body` and returns its result, or throws `DatabaseUnavailable` once `limit` has passed.
///
/// postgres-nio's pool waits for a connection without a limit while the server cannot be reached
/// (it keeps reconnecting), so every check that must answer in time goes through here. The wait
/// ends at the deadline even if `body` ignores cancellation; `body` is cancelled then, which also
/// withdraws its request for a connection, so probes during an outage do not pile up.
func withDeadline<Result: Sendable>(
    _ limit: Duration,
    server: String,
    _ body: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    let race = DeadlineRace<Result>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            race.begin(continuation)
            race.run(
                Task { do { race.finish(.success(try await body())) } catch { race.finish(.failure(error)) } },
                Task {
                    try? await Task.sleep(for: limit)
                    if !Task.isCancelled { race.finish(.failure(DatabaseUnavailable(server: server, waited: limit))) }
                }
            )
        }
    } onCancel: {
        race.finish(.failure(CancellationError()))
    }
}

/// The state of one `withDeadline`: the caller's continuation, resumed once by whichever of the
/// work, the timer or the caller's cancellation comes first, and the two tasks to cancel then.
private final class DeadlineRace<Result: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Result, any Error>?
        var tasks: [Task<Void, Never>] = []
        var outcome: Swift.Result<Result, any Error>?
    }

    private let state = Mutex(State())

    func begin(_ continuation: CheckedContinuation<Result, any Error>) {
        let early = state.withLock { state -> Swift.Result<Result, any Error>? in
            // A cancellation can come before the continuation exists.
            if let outcome = state.outcome { return outcome }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(with: early) }
    }

    func run(_ work: Task<Void, Never>, _ timer: Task<Void, Never>) {
        let finished = state.withLock { state in
            state.tasks = [work, timer]
            return state.outcome != nil
        }
        if finished {
            work.cancel()
            timer.cancel()
        }
    }

    func finish(_ result: Swift.Result<Result, any Error>) {
        let (continuation, tasks) = state.withLock { state -> (CheckedContinuation<Result, any Error>?, [Task<Void, Never>]) in
            guard state.outcome == nil else { return (nil, []) }
            state.outcome = result
            defer { state.continuation = nil }
            return (state.continuation, state.tasks)
        }
        continuation?.resume(with: result)
        for task in tasks { task.cancel() }
    }
}
