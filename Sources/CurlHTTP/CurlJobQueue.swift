import Dispatch
import Synchronization

/// Jobs waiting for a free worker thread.
///
/// A `Mutex` guards the list and a semaphore counts it, so workers can block without a condition
/// variable and the type stays checked `Sendable`.
final class CurlJobQueue: Sendable {
    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 0)

    private struct State {
        var jobs: [CurlJob] = []
        var head = 0
        var closed = false
    }

    /// Adds a job for the next free worker.
    /// - Returns: false when the queue is closed.
    func enqueue(_ job: CurlJob) -> Bool {
        let accepted = self.state.withLock { state in
            guard !state.closed else { return false }
            state.jobs.append(job)
            return true
        }
        if accepted {
            self.available.signal()
        }
        return accepted
    }

    /// Blocks the calling worker thread until a job arrives.
    /// - Returns: the next job, or nil once the queue is closed.
    func next() -> CurlJob? {
        self.available.wait()
        return self.state.withLock { state in
            guard state.head < state.jobs.count else { return nil }
            let job = state.jobs[state.head]
            state.head += 1
            // Compact now and then instead of removeFirst, which would be O(n) per job.
            if state.head > 64 && state.head * 2 > state.jobs.count {
                state.jobs.removeFirst(state.head)
                state.head = 0
            }
            return job
        }
    }

    /// Refuses new jobs, fails waiting ones with ``CurlError/cancelled`` and wakes every worker so it can exit.
    func close(workerCount: Int) {
        let pending = self.state.withLock { state -> [CurlJob] in
            guard !state.closed else { return [] }
            state.closed = true
            let pending = Array(state.jobs[state.head...])
            state.jobs = []
            state.head = 0
            return pending
        }
        for job in pending {
            job.finish(.failure(CurlError.cancelled))
        }
        for _ in 0..<workerCount {
            self.available.signal()
        }
    }
}
