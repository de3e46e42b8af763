public import Foundation
public import Logging
import ServiceLifecycle
public import SwitchboardCore

/// The loop under every background worker that polls durable state: do a round of work, then sleep
/// until the round's next due time on the injected clock or until woken, whichever comes first,
/// and repeat until graceful shutdown or cancellation.
///
/// A round that throws is not retried at once: the loop waits on its ``FailureBackoff`` schedule
/// (wakes do not cut that wait short) and logs one line per wait, so a store that cannot write
/// while it still reads (a full disk, a read-only file) costs a few rounds a minute, not a spin.
///
/// Copies share one wake signal, so a copy handed to another service wakes the same loop.
public struct WakeLoop: Sendable {
    let clock: any WallClock
    let backoff: FailureBackoff
    let signal = WakeSignal()

    /// Creates a loop sleeping on `clock`.
    /// - Parameter backoff: how long to wait after failed rounds.
    public init(clock: any WallClock, backoff: FailureBackoff = FailureBackoff()) {
        self.clock = clock
        self.backoff = backoff
    }

    /// Ends the current sleep at once (or the next one, if the loop is busy with a round); a
    /// backoff after a failure still runs to its end.
    public func wake() {
        let signal = self.signal
        Task { await signal.signal() }
    }

    /// Runs rounds until graceful shutdown or cancellation; a round in progress finishes first.
    /// - Parameters:
    ///   - name: what a round is, for the backoff's log line ("outbox round").
    ///   - logger: where each backoff is logged.
    ///   - round: does one round of work and returns when the next one is due; a time not after
    ///     now means "at once". A thrown error starts or extends the backoff.
    public func run(name: String, logger: Logger, _ round: @escaping @Sendable () async throws -> Date) async {
        let signal = self.signal
        var backoff = self.backoff
        await withGracefulShutdownHandler {
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                do {
                    let due = try await round()
                    backoff.succeeded()
                    await sleep(until: due)
                } catch {
                    // A round cut short by cancellation or shutdown did not fail: the loop just ends.
                    if Task.isCancelled || Task.isShuttingDownGracefully { break }
                    let delay = backoff.failed()
                    logger.error(
                        "\(name) failed; backing off",
                        metadata: ["error": "\(error)", "retryIn": "\(delay)s", "failuresInARow": "\(backoff.consecutiveFailures)"]
                    )
                    await pause(until: clock.now().addingTimeInterval(delay))
                }
            }
        } onGracefulShutdown: {
            Task { await signal.signal() }
        }
    }

    /// Like ``run(name:logger:_:)``, and also woken by every event committed on `bus`.
    ///
    /// Without the subscription the loop's own due times and idle poll still find every event, only
    /// later: a failed subscription is logged, not a reason to stop the server.
    public func run(
        name: String,
        logger: Logger,
        wokenBy bus: any EventBus,
        _ round: @escaping @Sendable () async throws -> Date
    ) async {
        let events: EventSubscription?
        do {
            events = try await bus.subscribe(after: nil)
        } catch {
            logger.error("\(name)s are not woken by new events", metadata: ["error": "\(error)"])
            events = nil
        }
        await withTaskGroup(of: Void.self) { group in
            if let events {
                group.addTask { [self] in
                    do {
                        for try await _ in events { wake() }
                    } catch {
                        // As above: the due times and the idle poll take over.
                    }
                }
            }
            await run(name: name, logger: logger, round)
            await events?.cancel()
            group.cancelAll()
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

    /// Like ``sleep(until:)``, but a wake does not end it: only the deadline, a graceful shutdown or cancellation.
    func pause(until deadline: Date) async {
        while deadline > clock.now() && !Task.isShuttingDownGracefully && !Task.isCancelled {
            await sleep(until: deadline)
        }
    }
}
