import CCurl
import Foundation

/// The loop each worker thread runs: take a job, perform it on the thread's own easy handle, repeat.
enum CurlWorker {
    /// Starts a detached worker thread; it exits after the queue closes.
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
            if job.isCancelled {
                continue
            }
            guard let easy else {
                job.finish(.failure(CurlError.other(code: Int(CURLE_FAILED_INIT.rawValue), message: "curl_easy_init failed")))
                continue
            }
            job.finish(easy.perform(job, defaults: configuration))
        }
    }
}
