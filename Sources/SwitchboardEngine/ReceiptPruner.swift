public import Foundation
public import Logging
public import ServiceLifecycle
public import SwitchboardCore

/// Deletes ingestion receipts past their retention, once at start and then every `interval`, so
/// `inbound_receipts` and `early_receipts` stay bounded.
public struct ReceiptPruner: Service {
    let store: any ReceiptStore
    let clock: any WallClock
    let retention: ReceiptRetention
    let interval: TimeInterval
    let logger: Logger

    /// Creates a pruner.
    /// - Parameters:
    ///   - retention: How long each kind of receipt is kept.
    ///   - interval: Time between rounds; also the wait after a failed round.
    public init(
        store: any ReceiptStore,
        clock: any WallClock,
        retention: ReceiptRetention = .standard,
        interval: TimeInterval = 3600,
        logger: Logger
    ) {
        self.store = store
        self.clock = clock
        self.retention = retention
        self.interval = interval
        self.logger = logger
    }

    /// Runs until graceful shutdown.
    public func run() async throws {
        await WakeLoop(clock: clock).run(name: "receipt pruning", logger: logger) {
            do {
                try await pruneOnce()
            } catch {
                logger.error("pruning receipts failed", metadata: ["error": "\(error)"])
            }
            return clock.now().addingTimeInterval(interval)
        }
    }

    /// Deletes what is past retention now.
    /// - Returns: how many inbound and early receipts went.
    @discardableResult
    public func pruneOnce() async throws -> (inbound: Int, early: Int) {
        let deleted = try await store.pruneReceipts(retention.cutoffs(now: clock.now()))
        if deleted.inbound + deleted.early > 0 {
            logger.info("pruned receipts", metadata: ["inbound": "\(deleted.inbound)", "early": "\(deleted.early)"])
        }
        return deleted
    }
}
