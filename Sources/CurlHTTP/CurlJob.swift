import Synchronization

/// One request travelling from an async caller to a worker thread and back.
///
/// Whichever comes first, the worker's result or the caller's cancellation, resumes the continuation;
/// the other finds it gone and does nothing.
final class CurlJob: Sendable {
    /// The request to perform.
    let request: HTTPRequest
    private let state = Mutex<State>(.created)
    /// Read by libcurl's progress callback many times a second, so a lock-free flag.
    private let cancelledFlag = Atomic<Bool>(false)

    private enum State {
        case created
        case cancelledBeforeAttach
        case waiting(CheckedContinuation<HTTPResponse, any Error>)
        case finished
    }

    /// Creates a job; it does nothing until attached and enqueued.
    init(request: HTTPRequest) {
        self.request = request
    }

    /// True once the caller cancelled; the worker then aborts the transfer.
    var isCancelled: Bool {
        self.cancelledFlag.load(ordering: .relaxed)
    }

    /// Stores the caller's continuation.
    /// - Returns: false when the task was cancelled already; the continuation has then been resumed.
    func attach(_ continuation: CheckedContinuation<HTTPResponse, any Error>) -> Bool {
        let attached = self.state.withLock { state in
            guard case .created = state else { return false }
            state = .waiting(continuation)
            return true
        }
        if !attached {
            continuation.resume(throwing: CancellationError())
        }
        return attached
    }

    /// Marks the job cancelled and resumes the caller at once with `CancellationError`.
    func cancel() {
        self.cancelledFlag.store(true, ordering: .relaxed)
        self.finish(.failure(CancellationError()))
    }

    /// Resumes the caller with `result`, unless it was resumed already.
    func finish(_ result: Result<HTTPResponse, any Error>) {
        let continuation = self.state.withLock { state -> CheckedContinuation<HTTPResponse, any Error>? in
            switch state {
            case .created:
                state = .cancelledBeforeAttach
                return nil
            case .waiting(let continuation):
                state = .finished
                return continuation
            case .cancelledBeforeAttach, .finished:
                return nil
            }
        }
        continuation?.resume(with: result)
    }
}
