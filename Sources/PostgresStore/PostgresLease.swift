import Logging
import PostgresNIO

/// Runs work on one instance of the cluster at a time: the instance whose dedicated connection
/// holds a session-level advisory lock. Used for the one Telegram poller per bot.
///
/// The lock lives as long as the connection: when an instance dies, the server ends its session
/// and releases the lock, and a waiting instance takes it at its next try. A holder checks its
/// connection every `heartbeat` and stops its work when the connection is gone, because by then
/// another instance may hold the lock. Between the loss and that check both may run; for the
/// poller that is harmless (Telegram answers the second `getUpdates` with 409, and a redelivered
/// update is a duplicate the store ignores).
public struct PostgresLease: Sendable {
    let pool: PostgresPool
    let key: Int64
    let retry: Duration
    let heartbeat: Duration

    /// A lease on `key` (see `AdvisoryLock`) for instances sharing `pool`'s database.
    /// - Parameters:
    ///   - retry: how often a waiting instance tries to take the lock.
    ///   - heartbeat: how often the holder checks that its connection, and so its lock, is alive.
    init(pool: PostgresPool, key: Int64, retry: Duration = .seconds(2), heartbeat: Duration = .seconds(2)) {
        self.pool = pool
        self.key = key
        self.retry = retry
        self.heartbeat = heartbeat
    }

    /// The lease of the poller of one channel.
    public static func poller(
        of channel: Int64,
        pool: PostgresPool,
        retry: Duration = .seconds(2),
        heartbeat: Duration = .seconds(2)
    ) -> PostgresLease {
        PostgresLease(pool: pool, key: AdvisoryLock.poller(channel), retry: retry, heartbeat: heartbeat)
    }

    /// Waits for the lock, runs `work` while holding it, and starts over when the lock is lost,
    /// until the task is cancelled or `work` returns.
    /// - Parameter work: runs only while this instance holds the lock; it is cancelled when the
    ///   lock's connection is lost.
    public func run(_ work: @escaping @Sendable () async -> Void) async {
        let logger = pool.logger
        while !Task.isCancelled {
            var finished = false
            do {
                let connection = try await pool.dedicatedConnection()
                do {
                    finished = try await holdWhileRunning(work, on: connection, logger: logger)
                } catch {
                    if !Task.isCancelled {
                        logger.warning("lease lost its connection; trying again", metadata: ["lock": "\(key)", "error": "\(error)"])
                    }
                }
                // Ending the session is what releases the lock, whatever happened above.
                try? await connection.close()
            } catch {
                if !Task.isCancelled {
                    logger.warning("lease cannot connect; trying again", metadata: ["lock": "\(key)", "error": "\(error)"])
                }
            }
            if finished { return }
            try? await Task.sleep(for: retry)
        }
    }

    /// Tries the lock until it is taken, then runs `work` next to a heartbeat on the same
    /// connection. Returns true when `work` returned by itself or the task was cancelled.
    private func holdWhileRunning(
        _ work: @escaping @Sendable () async -> Void,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> Bool {
        while try await !tryLock(on: connection, logger: logger) {
            try await Task.sleep(for: retry)
        }
        logger.info("lease taken", metadata: ["lock": "\(key)"])
        return try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                await work()
                return true
            }
            group.addTask {
                while true {
                    try await Task.sleep(for: heartbeat)
                    guard await answers(connection, within: heartbeat * 3, logger: logger) else { return false }
                }
            }
            defer { group.cancelAll() }
            // The first to end decides: work returning, or the heartbeat failing (the lock may be someone else's now).
            let finished = try await group.next() ?? false
            if !finished {
                logger.warning("lease lost: its connection stopped answering; stopping the work", metadata: ["lock": "\(key)"])
            }
            return finished
        }
    }

    /// Whether the connection answers a query within `limit`.
    ///
    /// A query on a connection the server has closed never finishes in postgres-nio, and a
    /// half-open TCP connection may not fail for minutes: so the check is `isClosed` first, then a
    /// query with a deadline.
    private func answers(_ connection: PostgresConnection, within limit: Duration, logger: Logger) async -> Bool {
        guard !connection.isClosed else { return false }
        let answer = try? await withDeadline(limit, server: pool.location.description) {
            try await connection.run("SELECT 1", logger: logger)
        }
        return answer != nil
    }

    private func tryLock(on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        for try await taken in try await connection.query("SELECT pg_try_advisory_lock(\(key))", logger: logger).decode(Bool.self) {
            return taken
        }
        return false
    }
}
