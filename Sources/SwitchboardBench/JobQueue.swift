import DequeModule
import Synchronization

/// A queue many tasks take from: the open loop's schedule puts message numbers in, whichever
/// connection is free takes the next. Unbounded on purpose: when the server falls behind, due
/// messages wait here and their latency (counted from when they were due) shows it.
final class JobQueue: Sendable {
    private struct State {
        var jobs: Deque<Int> = []
        var waiting: Deque<CheckedContinuation<Int?, Never>> = []
        var finished = false
    }

    private let state = Mutex(State())

    /// Adds a job, handing it straight to a waiting taker if there is one.
    func push(_ job: Int) {
        let taker = state.withLock { state -> CheckedContinuation<Int?, Never>? in
            if let taker = state.waiting.popFirst() { return taker }
            state.jobs.append(job)
            return nil
        }
        taker?.resume(returning: job)
    }

    /// No more jobs will come: takers get nil once the queue is empty.
    func finish() {
        let takers = state.withLock { state -> Deque<CheckedContinuation<Int?, Never>> in
            state.finished = true
            defer { state.waiting.removeAll() }
            return state.waiting
        }
        for taker in takers { taker.resume(returning: nil) }
    }

    /// The next job, waiting for one; nil once the queue is finished and empty.
    func next() async -> Int? {
        await withCheckedContinuation { continuation in
            let answer = state.withLock { state -> Int?? in
                if let job = state.jobs.popFirst() { return .some(job) }
                if state.finished { return .some(nil) }
                state.waiting.append(continuation)
                return nil
            }
            if let answer { continuation.resume(returning: answer) }
        }
    }
}
