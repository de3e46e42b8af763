import Logging
import PostgresNIO
public import SwitchboardCore

/// Feeds events other instances commit into this instance's bus.
///
/// A `NOTIFY` is only the wake-up: on every wake the tail reads the log after the last `seq` it
/// handed on and publishes what it finds, so a lost notification (a dropped connection, a restart
/// of the listener) costs latency, never an event. It also wakes every `pollInterval` without a
/// notification. The local bus drops events it already has (this instance publishes its own right
/// after commit) and reads the log itself when it sees a gap.
public struct PostgresEventTail: Sendable {
    let database: PostgresPool
    let log: PostgresEventLog
    let bus: any EventBus
    let start: Int64
    let pollInterval: Duration
    let batch: Int

    /// A tail of `database`'s log into `bus`, publishing every event after `start`.
    ///
    /// `start` must be no later than where any subscriber of `bus` starts, or events in between
    /// reach that subscriber only when a later one shows it the gap: read `latestSeq()` before the
    /// bus takes its first subscriber.
    public init(database: PostgresPool, bus: any EventBus, after start: Int64, pollInterval: Duration = .seconds(1), batch: Int = 512) {
        self.database = database
        self.log = PostgresEventLog(database)
        self.bus = bus
        self.start = start
        self.pollInterval = pollInterval
        self.batch = batch
    }

    /// Runs until the task is cancelled.
    public func run() async {
        let (wakes, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        await withDiscardingTaskGroup { group in
            group.addTask { await listen(wake) }
            group.addTask {
                while (try? await Task.sleep(for: pollInterval)) != nil { wake.yield() }
            }
            group.addTask { await follow(wakes) }
        }
    }

    /// Holds one pooled connection in `LISTEN` and turns each notification into a wake; reconnects after a failure.
    private func listen(_ wake: AsyncStream<Void>.Continuation) async {
        let logger = database.logger
        while !Task.isCancelled {
            do {
                try await database.client.withConnection { connection in
                    try await connection.listen(on: PostgresEventLog.notificationChannel) { notifications in
                        // Anything committed while the listener was down is read now.
                        wake.yield()
                        for try await _ in notifications { wake.yield() }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("event listener lost its connection; reading the log every poll until it is back", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// Reads and publishes on every wake.
    private func follow(_ wakes: AsyncStream<Void>) async {
        var cursor = start
        for await _ in wakes {
            do {
                while true {
                    let events = try await log.events(after: cursor, limit: batch)
                    guard let last = events.last else { break }
                    await bus.publish(events)
                    cursor = last.seq
                    if events.count < batch { break }
                }
            } catch {
                if Task.isCancelled { return }
                database.logger.warning("reading the event log failed; retrying on the next wake", metadata: ["error": "\(error)"])
            }
        }
    }
}
