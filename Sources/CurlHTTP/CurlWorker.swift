import CCurl
import Foundation

/// The loop each worker thread runs: take a job, perform it on the thread's own easy handle, repeat.
enum CurlWorker {
    /// Starts a detached worker thread; it exits once the queue closes or it was idle too long.
    /// - Parameters:
    ///   - name: Thread name, shown by debuggers.
    ///   - queue: Where jobs come from.
    ///   - configuration: Defaults applied to every request.
    static func start(name: String, queue: CurlJobQueue, configuration: CurlTransport.Configuration) {
        let thread = Thread {
            Self.run(queue: queue, configuration: configuration)
        }
        thread.name = name
        thread.start()
    }

    private static func run(queue: CurlJobQueue, configuration: CurlTransport.Configuration) {
        // The handle is created here and never leaves this thread: libcurl handles are not thread-safe.
        let easy = CurlEasy()
        while let job = queue.next() {
            guard !job.isCancelled else {
                queue.finished()
                continue
            }
            let result = easy?.perform(job, defaults: configuration)
            // Free before the caller resumes, so its next request finds this worker instead of starting another.
            queue.finished()
            job.finish(result ?? .failure(CurlError.other(code: Int(CURLE_FAILED_INIT.rawValue), message: "curl_easy_init failed")))
        }
    }
}
