public import Logging
public import ServiceLifecycle
import SwitchboardCore

/// Long-polls one bot with getUpdates and hands each page to the processor, in order.
///
/// Acknowledge after commit: the offset moves past an update only after the router committed
/// it, and Telegram forgets an update only when the next getUpdates carries that offset. A
/// crash anywhere in between makes Telegram deliver the update again, and the router's
/// idempotency key (`update_id`) turns the redelivery into a no-op. The offset therefore lives
/// in memory only: Telegram's queue is the durable cursor.
public struct TelegramPoller: Service, CustomStringConvertible {
    /// Tuning knobs.
    public struct Configuration: Sendable {
        /// Seconds a getUpdates call waits for updates (Telegram caps it at 50).
        public var pollTimeout = 25
        /// First delay after a failure; doubles up to ``maxBackoff``.
        public var baseBackoff: Duration = .milliseconds(500)
        /// Longest delay between retries.
        public var maxBackoff: Duration = .seconds(30)

        /// Default configuration.
        public init() {}
    }

    let api: TelegramBotAPI
    let processor: TelegramUpdateProcessor
    let configuration: Configuration
    let logger: Logger
    /// The channel's name, for logs.
    public let name: String

    /// Creates a poller.
    public init(name: String, api: TelegramBotAPI, processor: TelegramUpdateProcessor, configuration: Configuration = .init(), logger: Logger) {
        self.name = name
        self.api = api
        self.processor = processor
        self.configuration = configuration
        self.logger = logger
    }

    public var description: String { "TelegramPoller(\(name))" }

    /// Polls until graceful shutdown or cancellation. An update being processed is finished first.
    public func run() async throws {
        var offset: Int64?
        var failures = 0
        logger.info("telegram polling started", metadata: ["channel": "\(name)"])
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let confirmed = offset
                let updates = try await cancelWhenGracefulShutdown {
                    try await api.getUpdates(offset: confirmed, timeout: configuration.pollTimeout)
                }
                // The page is committed as one group; the offset moves past each update that committed
                // with all before it, so a failure mid-page is fetched again from there.
                try await processor.process(page: updates) { id in offset = max(offset ?? 0, id + 1) }
                failures = 0
            } catch is CancellationError {
                break
            } catch {
                failures += 1
                await backOff(after: error, failures: failures)
            }
        }
        logger.info("telegram polling stopped", metadata: ["channel": "\(name)"])
    }

    private func backOff(after error: any Error, failures: Int) async {
        var delay = configuration.baseBackoff * (1 << min(failures - 1, 16))
        if delay > configuration.maxBackoff { delay = configuration.maxBackoff }
        switch error {
        case TelegramAPIError.api(409, let description, _, _):
            logger.warning(
                "telegram polling conflicts with a webhook or another poller",
                metadata: ["channel": "\(name)", "error": "\(description)"]
            )
            delay = max(delay, .seconds(3))
        case TelegramAPIError.api(429, _, let retryAfter?, _):
            delay = max(delay, .seconds(retryAfter))
        case TelegramAPIError.api(let code, _, _, _) where code == 401 || code == 404:
            logger.error("telegram rejected the bot token; check the channel", metadata: ["channel": "\(name)"])
            delay = configuration.maxBackoff
        default:
            logger.warning("telegram update not committed; will retry", metadata: ["channel": "\(name)", "error": "\(error)"])
        }
        // Sleeping ends early on shutdown; the loop condition then stops the poller.
        let pause = delay
        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }
    }
}
