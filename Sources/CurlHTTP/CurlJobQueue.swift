import Dispatch
import Synchronization

/// Jobs waiting for a worker thread, and the workers themselves, started only when needed.
///
/// A transport that sends nothing owns no thread. A job that finds no idle worker starts one, up
/// to the transport's limit, and a worker idle for ``idleTimeout`` exits, taking its kept-alive
/// connections with it. Eager threads blocked forever added up: one server process held eight
/// for nothing, and a test process creating hundreds of transports held thousands.
///
/// A `Mutex` guards the state and a semaphore counts the jobs, so workers can block without a
/// condition variable and the type stays checked `Sendable`.
final class CurlJobQueue: Sendable {
    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 0)
    private let maxWorkers: Int
    private let idleTimeout: Duration
    private let startWorker: @Sendable (CurlJobQueue) -> Void

    private struct State {
        var jobs: [CurlJob] = []
        var head = 0
        var closed = false
        /// Worker threads started and not yet exited.
        var workers = 0
        /// Workers not running a job: waiting for one, or just started.
        var idle = 0

        var pending: Int { jobs.count - head }
    }

    /// - Parameters:
    ///   - maxWorkers: the most worker threads at once.
    ///   - idleTimeout: how long a worker waits for a job before it exits.
    ///   - startWorker: starts a thread that calls ``next()`` until it returns nil.
    init(maxWorkers: Int, idleTimeout: Duration, startWorker: @escaping @Sendable (CurlJobQueue) -> Void) {
        self.maxWorkers = max(1, maxWorkers)
        self.idleTimeout = idleTimeout
        self.startWorker = startWorker
    }

    /// Worker threads running now, busy or idle.
    var workerCount: Int { state.withLock { $0.workers } }

    /// Adds a job for the next free worker, starting a worker when none is free and the limit allows.
    /// - Returns: false when the queue is closed.
    func enqueue(_ job: CurlJob) -> Bool {
        let (accepted, start) = self.state.withLock { state -> (Bool, Bool) in
            guard !state.closed else { return (false, false) }
            state.jobs.append(job)
            guard state.pending > state.idle, state.workers < maxWorkers else { return (true, false) }
            state.workers += 1
            state.idle += 1
            return (true, true)
        }
        guard accepted else { return false }
        self.available.signal()
        if start { startWorker(self) }
        return true
    }

    /// Blocks the calling worker thread until a job arrives.
    /// - Returns: the next job, or nil once the queue is closed or the worker was idle too long;
    ///   the worker must exit then.
    func next() -> CurlJob? {
        while true {
            let signalled = self.available.wait(timeout: .now() + .nanoseconds(Int(idleTimeout / .nanoseconds(1)))) == .success
            let outcome = self.state.withLock { state -> (job: CurlJob?, exit: Bool) in
                if signalled, state.pending > 0 {
                    let job = state.jobs[state.head]
                    state.head += 1
                    state.idle -= 1
                    // Compact now and then instead of removeFirst, which would be O(n) per job.
                    if state.head > 64 && state.head * 2 > state.jobs.count {
                        state.jobs.removeFirst(state.head)
                        state.head = 0
                    }
                    return (job, false)
                }
                // A job enqueued between the timeout and this lock has signalled; wait again to take it.
                if !state.closed, state.pending > 0 { return (nil, false) }
                guard state.closed || !signalled else { return (nil, false) }
                state.workers -= 1
                state.idle -= 1
                return (nil, true)
            }
            if let job = outcome.job { return job }
            if outcome.exit { return nil }
        }
    }

    /// Marks the calling worker free again after it finished a job.
    func finished() {
        self.state.withLock { $0.idle += 1 }
    }

    /// Refuses new jobs, fails waiting ones with ``CurlError/cancelled`` and wakes every worker so it can exit.
    func close() {
        let (pending, workers) = self.state.withLock { state -> ([CurlJob], Int) in
            guard !state.closed else { return ([], 0) }
            state.closed = true
            let pending = Array(state.jobs[state.head...])
            state.jobs = []
            state.head = 0
            return (pending, state.workers)
        }
        for job in pending {
            job.finish(.failure(CurlError.cancelled))
        }
        for _ in 0..<workers {
            self.available.signal()
        }
    }
}
