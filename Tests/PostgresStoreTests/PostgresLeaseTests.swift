import Foundation
import PostgresStore
import Synchronization
import TestSupport
import Testing

/// Point 3 of issue 15: one poller per bot across the cluster, and a quick takeover when its instance dies.
struct PostgresLeaseTests {
    /// What the leased work of each instance did, in order: "A+" when A's work started, "A-" when it stopped.
    final class Journal: Sendable {
        private let entries = Mutex<[String]>([])
        private let running = Mutex<Int>(0)
        private let mostAtOnce = Mutex<Int>(0)

        func work(_ instance: String) -> @Sendable () async -> Void {
            {
                self.entries.withLock { $0.append("\(instance)+") }
                let now = self.running.withLock { count in
                    count += 1
                    return count
                }
                self.mostAtOnce.withLock { $0 = max($0, now) }
                while (try? await Task.sleep(for: .seconds(60))) != nil {}
                self.running.withLock { $0 -= 1 }
                self.entries.withLock { $0.append("\(instance)-") }
            }
        }

        var log: [String] { entries.withLock { $0 } }
        var peak: Int { mostAtOnce.withLock { $0 } }
    }

    static func lease(_ url: String, channel: Int64 = 7) throws -> (PostgresPool, PostgresLease) {
        let pool = try FreshDatabase.open(url)
        return (pool, PostgresLease.poller(of: channel, pool: pool, retry: .milliseconds(100), heartbeat: .milliseconds(100)))
    }

    @Test func onlyOneInstanceRunsAChannelsPollerAndAnotherChannelIsFree() async throws {
        try await FreshDatabase.with(migrated: false) { fresh in
            let journal = Journal()
            let (poolA, leaseA) = try Self.lease(fresh.url)
            let (poolB, leaseB) = try Self.lease(fresh.url)
            let (poolC, otherChannel) = try Self.lease(fresh.url, channel: 8)
            let a = Task { await leaseA.run(journal.work("A")) }
            let b = Task { await leaseB.run(journal.work("B")) }
            let c = Task { await otherChannel.run(journal.work("C")) }
            try await eventually("a poller on each channel") { journal.log.count == 2 }
            try await Task.sleep(for: .milliseconds(600))
            #expect(journal.log.filter { $0.hasSuffix("+") }.count == 2)
            #expect(journal.log.contains("C+"))
            #expect(journal.peak == 2, "one per channel, never two on one")
            for task in [a, b, c] { task.cancel() }
            for task in [a, b, c] { await task.value }
            for pool in [poolA, poolB, poolC] { await pool.close() }
        }
    }

    /// An instance killed with -9 looks like this to the server: its session ends. The other
    /// instance must poll again within 10 s, and the dead one's work must have stopped (here the
    /// instance lives on, so its heartbeat sees the lost connection and cancels it).
    @Test func whenTheHoldersSessionDiesAnotherInstanceTakesOverWithinTenSeconds() async throws {
        try await FreshDatabase.with(migrated: false) { fresh in
            let journal = Journal()
            let (poolA, leaseA) = try Self.lease(fresh.url)
            let a = Task { await leaseA.run(journal.work("A")) }
            try await eventually("A polls") { journal.log == ["A+"] }
            let (poolB, leaseB) = try Self.lease(fresh.url)
            let b = Task { await leaseB.run(journal.work("B")) }
            try await Task.sleep(for: .milliseconds(300))
            #expect(journal.log == ["A+"], "B waits while A holds the lease")

            let database = String(fresh.url.split(separator: "/").last?.split(separator: "?").first ?? "")
            let killed = try ThrowawayPostgres.shared().psql(
                """
                SELECT count(pg_terminate_backend(l.pid)) FROM pg_locks l JOIN pg_stat_activity s ON s.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted AND s.datname = '\(database)'
                """
            )
            #expect(killed.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
            let diedAt = ContinuousClock.now
            try await eventually(timeout: .seconds(10), "B takes over") { journal.log.contains("B+") }
            #expect(ContinuousClock.now - diedAt < .seconds(10))
            // Both may run for a moment (B can win the freed lock before A's heartbeat notices); A
            // must stop within a few heartbeats, not go on polling beside B.
            try await eventually(timeout: .seconds(5), "A's work stopped") { journal.log.contains("A-") }
            a.cancel()
            b.cancel()
            await a.value
            await b.value
            await poolA.close()
            await poolB.close()
        }
    }

    @Test func stoppingTheHolderHandsThePollerOnAtOnce() async throws {
        try await FreshDatabase.with(migrated: false) { fresh in
            let journal = Journal()
            let (poolA, leaseA) = try Self.lease(fresh.url)
            let (poolB, leaseB) = try Self.lease(fresh.url)
            let a = Task { await leaseA.run(journal.work("A")) }
            try await eventually("A polls") { journal.log == ["A+"] }
            let b = Task { await leaseB.run(journal.work("B")) }
            a.cancel()
            await a.value
            try await eventually(timeout: .seconds(5), "B takes over") { journal.log == ["A+", "A-", "B+"] }
            b.cancel()
            await b.value
            await poolA.close()
            await poolB.close()
        }
    }
}
