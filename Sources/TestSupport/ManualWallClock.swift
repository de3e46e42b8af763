public import Foundation
public import SwitchboardCore
import Synchronization

/// A clock that only moves when a test advances it; sleepers wake when their deadline is passed.
public final class ManualWallClock: WallClock {
    private struct State {
        var now: Date
        var sleepers: [(deadline: Date, id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
        var nextID = 0
    }

    private let state: Mutex<State>

    /// Starts the clock at a fixed date.
    public init(start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        self.state = Mutex(State(now: start))
    }

    public func now() -> Date {
        state.withLock { $0.now }
    }

    /// Moves time forward and wakes every sleeper whose deadline has passed.
    public func advance(by seconds: TimeInterval) {
        let due = state.withLock { state in
            state.now = state.now.addingTimeInterval(seconds)
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }
            state.sleepers.removeAll { $0.deadline <= now }
            return due.map(\.continuation)
        }
        for continuation in due { continuation.resume() }
    }

    /// How many tasks are sleeping on this clock.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    public func sleep(until deadline: Date) async throws {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                // Checked under the lock: a cancellation that ran its handler before this point
                // would otherwise leave the sleeper waiting forever.
                let outcome = state.withLock { state -> Bool? in
                    if Task.isCancelled { return nil }
                    if deadline <= state.now { return true }
                    state.sleepers.append((deadline, id, continuation))
                    return false
                }
                switch outcome {
                case nil: continuation.resume(throwing: CancellationError())
                case true?: continuation.resume()
                case false?: break
                }
            }
        } onCancel: {
            let cancelled = state.withLock { state in
                let found = state.sleepers.first { $0.id == id }?.continuation
                state.sleepers.removeAll { $0.id == id }
                return found
            }
            cancelled?.resume(throwing: CancellationError())
        }
    }
}
