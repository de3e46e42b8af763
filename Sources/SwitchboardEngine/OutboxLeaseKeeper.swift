import Foundation
import Logging
import SwitchboardCore

/// Keeps the leases of one claimed batch of outbox rows while they are sent.
///
/// A send can wait far longer than it takes: behind the bot's flood budget, which the whole cluster
/// shares, or behind a messenger that answers slowly. Without renewal, a row still waiting when its
/// lease runs out is claimed by another dispatcher and sent twice. So every third of the lease the
/// keeper extends the leases of the rows not yet recorded, and only where the lease still ends when
/// its own claim or renewal said: a row another claimer holds (this instance stalled past the lease)
/// is left to that claimer.
actor OutboxLeaseKeeper {
    private var pending: Set<MessageID>
    private var heldUntil: Date
    private let store: any Store
    private let clock: any WallClock
    private let lease: TimeInterval
    private let logger: Logger

    /// A keeper for `ids`, claimed at `claimedAt` for `lease` seconds.
    init(ids: [MessageID], claimedAt: Date, lease: TimeInterval, store: any Store, clock: any WallClock, logger: Logger) {
        pending = Set(ids)
        heldUntil = claimedAt.addingTimeInterval(lease)
        self.store = store
        self.clock = clock
        self.lease = lease
        self.logger = logger
    }

    /// The row's outcome is recorded: its lease no longer matters.
    func finished(_ id: MessageID) {
        pending.remove(id)
    }

    /// Renews every third of the lease until cancelled or nothing is pending.
    func run() async {
        while !pending.isEmpty {
            do {
                try await clock.sleep(until: clock.now().addingTimeInterval(lease / 3))
            } catch {
                return
            }
            await renew()
        }
    }

    private func renew() async {
        let ids = pending.sorted { $0.rawValue < $1.rawValue }
        guard !ids.isEmpty else { return }
        let until = clock.now().addingTimeInterval(lease)
        do {
            let renewed = Set(try await store.renewOutboxClaims(ids, heldUntil: heldUntil, until: until))
            heldUntil = until
            // Rows recorded meanwhile are not renewed, and are not pending any more either.
            for lost in pending.subtracting(renewed) where ids.contains(lost) {
                logger.info("outbox lease not renewed: recorded meanwhile, or another dispatcher holds it", metadata: ["message": "\(lost)"])
                pending.remove(lost)
            }
        } catch {
            // The leases still run to `heldUntil`; the next round tries again.
            logger.warning("could not renew outbox leases", metadata: ["error": "\(error)"])
        }
    }
}
