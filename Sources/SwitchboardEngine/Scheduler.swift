public import Foundation
public import Logging
public import ServiceLifecycle
public import SwitchboardCore

/// Fires durable timers on the injected clock: it sleeps until the earliest due time in the
/// database (or until woken because a timer was added), then hands each due timer to its handler.
///
/// The timers live in the database, so a restart loses none: the new process reads the earliest
/// due time and fires what fell due while it was down.
public struct Scheduler: Service {
    /// What to do with a due timer.
    public typealias Handler = @Sendable (ScheduledTimer) async throws -> Void

    let timers: any TimerStore
    let clock: any WallClock
    let logger: Logger
    let handler: Handler
    let signal: WakeSignal
    /// Longest sleep when nothing is due, so a timer written by another process is not missed for long.
    let idlePoll: TimeInterval
    /// How long a timer whose handler failed waits before it fires again.
    let retryDelay: TimeInterval

    init(
        timers: any TimerStore,
        clock: any WallClock,
        logger: Logger,
        signal: WakeSignal,
        idlePoll: TimeInterval = 60,
        retryDelay: TimeInterval = 30,
        handler: @escaping Handler
    ) {
        self.timers = timers
        self.clock = clock
        self.logger = logger
        self.signal = signal
        self.idlePoll = idlePoll
        self.retryDelay = retryDelay
        self.handler = handler
    }

    /// Tells the scheduler a timer was added or moved, so it recomputes when to wake.
    public func wake() {
        let signal = self.signal
        Task { await signal.signal() }
    }

    /// Runs until graceful shutdown.
    public func run() async throws {
        let signal = self.signal
        await withGracefulShutdownHandler {
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                do {
                    if try await fireDue() > 0 { continue }
                } catch {
                    logger.error("timer round failed", metadata: ["error": "\(error)"])
                }
                await waitForNextDue()
            }
        } onGracefulShutdown: {
            Task { await signal.signal() }
        }
    }

    /// Fires every timer due now. Returns how many fired.
    @discardableResult
    public func fireDue() async throws -> Int {
        let due = try await timers.dueTimers(at: clock.now(), limit: 64)
        for timer in due {
            do {
                try await handler(timer)
                try await timers.completeTimer(timer)
            } catch {
                // Keep the timer: it fires again later instead of being lost.
                logger.warning("timer failed, will retry", metadata: ["timer": "\(timer.key)", "error": "\(error)"])
                var retry = timer
                retry.dueAt = clock.now().addingTimeInterval(retryDelay)
                try await timers.scheduleTimer(retry)
            }
        }
        return due.count
    }

    private func waitForNextDue() async {
        let now = clock.now()
        let idleDeadline = now.addingTimeInterval(idlePoll)
        let deadline = min((try? await timers.nextTimerDue()) ?? idleDeadline, idleDeadline)
        guard deadline > now else { return }
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
