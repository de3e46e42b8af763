public import Foundation
public import Logging
public import ServiceLifecycle
public import SwitchboardCore
import Synchronization

/// Fetches the files of committed inbound messages in a bounded pool of its own, apart from the
/// outbox's sends, retrying failures on `AttachmentDownload.retryPolicy`, then settles each
/// attachment in the store and publishes the change.
///
/// The queue is bounded: a file that finds it full is settled as failed at once rather than
/// holding memory without limit. A file already queued or under way is not queued twice. A
/// download under way at shutdown is abandoned; its attachment stays pending, and the channel's
/// next start queues it again.
public struct MediaDownloader: Service, MediaDownloadQueue {
    /// Tuning knobs.
    public struct Configuration: Sendable {
        /// Downloads running at once.
        public var workers = 4
        /// Files waiting for a worker before new ones are refused.
        public var capacity = 1000
        public var retryPolicy = AttachmentDownload.retryPolicy

        /// Default configuration.
        public init() {}
    }

    let store: any Store
    let bus: any EventBus
    let clock: any WallClock
    let configuration: Configuration
    let logger: Logger
    let jitter: @Sendable () -> Double
    let jobs: AsyncStream<MediaDownloadJob>
    let intake: AsyncStream<MediaDownloadJob>.Continuation
    let queued = QueuedFiles()

    /// Creates the pool; nothing is fetched before `run`.
    /// - Parameter jitter: a source of numbers in 0..<1 for backoff jitter (injected for tests).
    public init(
        store: any Store,
        bus: any EventBus,
        clock: any WallClock,
        configuration: Configuration = .init(),
        logger: Logger,
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.store = store
        self.bus = bus
        self.clock = clock
        self.configuration = configuration
        self.logger = logger
        self.jitter = jitter
        (jobs, intake) = AsyncStream.makeStream(of: MediaDownloadJob.self, bufferingPolicy: .bufferingOldest(configuration.capacity))
    }

    public func enqueue(_ job: MediaDownloadJob) async {
        guard queued.insert(job) else { return }
        if case .dropped = intake.yield(job) {
            queued.remove(job)
            logger.warning("media download queue is full", metadata: ["message": "\(job.messageID)"])
            await settle(AttachmentDownload.failed(job.attachment, reason: "too many files waiting for download"), of: job.messageID)
        }
    }

    /// Runs the workers until graceful shutdown or cancellation.
    public func run() async throws {
        let jobs = self.jobs
        try? await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for _ in 0..<max(1, configuration.workers) {
                    group.addTask {
                        for await job in jobs {
                            await download(job)
                            queued.remove(job)
                        }
                    }
                }
            }
        }
    }

    /// Fetches one file, retrying transient failures, and settles its attachment.
    func download(_ job: MediaDownloadJob) async {
        var attempt = 0
        while !Task.isCancelled {
            attempt += 1
            do {
                await settle(try await job.fetch(job.attachment), of: job.messageID)
                return
            } catch is CancellationError {
                return
            } catch {
                switch configuration.retryPolicy.decide(attempt: attempt, failure: .transient(reason: "\(error)"), jitter: jitter()) {
                case .retry(let seconds):
                    logger.info(
                        "media download will be retried",
                        metadata: ["message": "\(job.messageID)", "in": "\(seconds)s", "error": "\(error)"]
                    )
                    try? await clock.sleep(until: clock.now().addingTimeInterval(seconds))
                case .giveUp(let reason):
                    logger.warning("media download failed", metadata: ["message": "\(job.messageID)", "reason": "\(reason)"])
                    await settle(AttachmentDownload.failed(job.attachment, reason: "download failed: \(reason)"), of: job.messageID)
                    return
                }
            }
        }
    }

    private func settle(_ outcome: Attachment, of messageID: MessageID) async {
        do {
            await bus.publish(try await store.settleAttachment(outcome, ofMessage: messageID, at: clock.now()))
        } catch {
            logger.error("could not record a media download", metadata: ["message": "\(messageID)", "error": "\(error)"])
        }
    }
}

/// The files queued or being fetched, by message and file id.
final class QueuedFiles: Sendable {
    private let keys = Mutex<Set<String>>([])

    /// Adds the job's file; false when it is queued already.
    func insert(_ job: MediaDownloadJob) -> Bool {
        keys.withLock { $0.insert(Self.key(job)).inserted }
    }

    func remove(_ job: MediaDownloadJob) {
        _ = keys.withLock { $0.remove(Self.key(job)) }
    }

    private static func key(_ job: MediaDownloadJob) -> String {
        "\(job.messageID.rawValue)/\(job.attachment.externalFileID ?? "")"
    }
}
