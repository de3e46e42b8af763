public import Foundation
import ServiceLifecycle
public import SwitchboardCore

/// The loop under every background worker that polls durable state: do a round of work, then sleep
/// until the round's next due time on the injected clock or until woken, whichever comes first,
/// and repeat until graceful shutdown or cancellation.
///
/// Copies share one wake signal, so a copy handed to another service wakes the same loop.
public struct WakeLoop: Sendable {
    let clock: any WallClock
    let signal = WakeSignal()

    /// Creates a loop sleeping on `clock`.
    public init(clock: any WallClock) {
        self.clock = clock
    }

    /// Ends the current sleep at once (or the next one, if the loop is busy with a round).
    public func wake() {
        let signal = self.signal
        Task { await signal.signal() }
    }

    /// Runs rounds until graceful shutdown or cancellation; a round in progress finishes first.
    /// - Parameter round: does one round of work and returns when the next one is due; a time not
    ///   after now means "at once".
    public func run(_ round: @escaping @Sendable () async -> Date) async {
        let signal = self.signal
        await withGracefulShutdownHandler {
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                await sleep(until: await round())
            }
        } onGracefulShutdown: {
            Task { await signal.signal() }
        }
    }

    /// Returns at `deadline` on the clock, when woken, or when cancelled, whichever is first.
    func sleep(until deadline: Date) async {
        guard deadline > clock.now() else { return }
        let clock = self.clock
        let signal = self.signal
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await clock.sleep(until: deadline) }
            group.addTask { await signal.wait() }
            await group.next()
            group.cancelAll()
        }
    }
}
