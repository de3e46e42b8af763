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

    let timers: any AutomationStore
    let clock: any WallClock
    let logger: Logger
    let handler: Handler
    let loop: WakeLoop
    /// Longest sleep when nothing is due, so a timer written by another process is not missed for long.
    let idlePoll: TimeInterval
    /// How long a timer whose handler failed waits before it fires again.
    let retryDelay: TimeInterval

    init(
        timers: any AutomationStore,
        clock: any WallClock,
        logger: Logger,
        loop: WakeLoop,
        idlePoll: TimeInterval = 60,
        retryDelay: TimeInterval = 30,
        handler: @escaping Handler
    ) {
        self.timers = timers
        self.clock = clock
        self.logger = logger
        self.loop = loop
        self.idlePoll = idlePoll
        self.retryDelay = retryDelay
        self.handler = handler
    }

    /// Tells the scheduler a timer was added or moved, so it recomputes when to wake.
    public func wake() {
        loop.wake()
    }

    /// Runs until graceful shutdown.
    public func run() async throws {
        await loop.run(name: "timer round", logger: logger) { try await round() }
    }

    /// Fires what is due; returns when to look again (at once after a busy round).
    /// - Throws: when the store fails; the loop backs off instead of trying again at once.
    private func round() async throws -> Date {
        if try await fireDue() > 0 { return clock.now() }
        let idleDeadline = clock.now().addingTimeInterval(idlePoll)
        return min(try await timers.nextTimerDue() ?? idleDeadline, idleDeadline)
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
}
