import CCurl
import Foundation

/// An ``HTTPTransport`` backed by libcurl.
///
/// Requests run on up to ``Configuration/maxConcurrentRequests`` dedicated threads, never on Swift
/// concurrency's cooperative pool, because `curl_easy_perform` blocks. A thread starts when a
/// request finds none free and exits after ``Configuration/idleWorkerTimeout`` without work; it
/// keeps one easy handle for its lifetime, so kept-alive connections are reused across requests.
/// The queue of waiting requests is unbounded: callers bound their own concurrency.
public final class CurlTransport: HTTPTransport {
    /// The settings this transport was created with.
    public let configuration: Configuration
    private let queue: CurlJobQueue

    /// Creates a transport; its worker threads start with the first requests.
    /// - Parameter configuration: Proxy, time limits, worker count and user agent.
    public init(configuration: Configuration = Configuration()) {
        CurlGlobal.ensureInitialized()
        var configuration = configuration
        // The property is settable after init, and zero workers would leave every request waiting forever.
        configuration.maxConcurrentRequests = max(1, configuration.maxConcurrentRequests)
        self.configuration = configuration
        self.queue = CurlJobQueue(maxWorkers: configuration.maxConcurrentRequests, idleTimeout: configuration.idleWorkerTimeout) {
            [configuration] queue in
            CurlWorker.start(name: "curl-worker", queue: queue, configuration: configuration)
        }
    }

    /// Worker threads running now, busy or idle.
    public var workerThreads: Int { self.queue.workerCount }

    deinit {
        self.shutdown()
    }

    /// Stops the workers: queued requests fail with ``CurlError/cancelled``, running ones finish first.
    ///
    /// Safe to call more than once; later ``send(_:)`` calls throw ``CurlError/cancelled``.
    public func shutdown() {
        self.queue.close()
    }

    /// Sends a request on a worker thread and suspends until it completes.
    /// - Parameter request: The request to send.
    /// - Returns: The final response, whatever its status.
    /// - Throws: ``CurlError`` on transport failure, `CancellationError` when the calling task is cancelled;
    ///   cancellation resumes the caller at once and aborts the transfer in the background.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let job = CurlJob(request: request)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                guard job.attach(continuation) else { return }
                if !self.queue.enqueue(job) {
                    job.finish(.failure(CurlError.cancelled))
                }
            }
        } onCancel: {
            job.cancel()
        }
    }
}
