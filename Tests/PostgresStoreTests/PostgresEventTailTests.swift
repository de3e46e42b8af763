import Foundation
import Logging
import PostgresNIO
import PostgresStore
import SwitchboardCore
import SwitchboardEngine
import Synchronization
import TestSupport
import Testing

/// Two instances on one database, each with its own in-process bus fed by a tail of the log.
struct PostgresEventTailTests {
    /// One instance: a pool, its bus and the tail that feeds the bus with what other instances commit.
    struct Instance {
        let database: PostgresPool
        let bus: InProcessEventBus
        let tail: Task<Void, Never>

        init(url: String) async throws {
            database = try FreshDatabase.open(url)
            let log = PostgresEventLog(database)
            bus = InProcessEventBus(log: log)
            // A long poll: the tests must pass on notifications alone.
            let tail = PostgresEventTail(database: database, bus: bus, after: try await log.latestSeq(), pollInterval: .seconds(60))
            self.tail = Task { await tail.run() }
        }

        /// Appends in one transaction and publishes locally after commit, as the store's callers do.
        /// - Parameter holdOpen: milliseconds the transaction stays open after the append, so
        ///   concurrent appenders overlap the way a busy store's transactions do.
        func append(_ drafts: [EventDraft], holdOpen: Int = 0) async throws {
            let events = try await database.withTransaction { connection in
                let events = try await PostgresEventLog.append(drafts, on: connection, logger: PostgresEventLogTests.logger)
                if holdOpen > 0 {
                    let seconds = Double(holdOpen) / 1000
                    for try await _ in try await connection.query("SELECT pg_sleep(\(seconds))", logger: PostgresEventLogTests.logger) {}
                }
                return events
            }
            await bus.publish(events)
        }

        func close() async {
            tail.cancel()
            await tail.value
            await database.close()
        }
    }

    /// Point 2's trap, end to end: writers on both instances commit concurrently while a reader on
    /// one of them resumes after every single event, the way an inbox reconnects with "after seq N".
    @Test func aReaderResumingAfterEveryEventSeesEachCommittedEventOnceInOrder() async throws {
        try await FreshDatabase.with { fresh in
            let a = try await Instance(url: fresh.url)
            let b = try await Instance(url: fresh.url)
            let writersPerInstance = 3
            let transactions = 40
            let steady = try await a.bus.subscribe(after: 0)
            let writers = Task {
                try await withThrowingTaskGroup { group in
                    for writer in 0..<(writersPerInstance * 2) {
                        let instance = writer % 2 == 0 ? a : b
                        group.addTask {
                            for transaction in 0..<transactions {
                                let size = 1 + (writer + transaction) % 3
                                try await instance.append(
                                    (0..<size).map { PostgresEventLogTests.draft(Int64(writer * 1000 + transaction * 10 + $0)) },
                                    holdOpen: (writer + transaction) % 4
                                )
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            var resumed: [Int64] = []
            let expectedCount = (0..<(writersPerInstance * 2)).reduce(0) { total, writer in
                total + (0..<transactions).reduce(0) { $0 + 1 + (writer + $1) % 3 }
            }
            let deadline = ContinuousClock.now + .seconds(45)
            // Reads at the head of the log while the writers commit: where the trap would bite.
            let steadyReader = Task {
                var seen: [Int64] = []
                for try await event in steady {
                    seen.append(event.seq)
                    if seen.count == expectedCount { break }
                }
                return seen
            }
            // A lost event would leave the reader waiting for ever; end it at the deadline instead.
            let watchdog = Task {
                try await Task.sleep(until: deadline)
                await steady.cancel()
            }
            while resumed.count < expectedCount, ContinuousClock.now < deadline {
                let subscription = try await b.bus.subscribe(after: resumed.last ?? 0)
                if let event = try await subscription.first(where: { _ in true }) {
                    resumed.append(event.seq)
                }
                await subscription.cancel()
            }
            let steadySeen = try await steadyReader.value
            watchdog.cancel()
            await steady.cancel()
            try await writers.value
            let committed = try await PostgresEventLog(fresh.database).events(after: 0, limit: 10_000).map(\.seq)
            #expect(committed.count == expectedCount)
            #expect(resumed == committed)
            #expect(steadySeen == committed)
            await a.close()
            await b.close()
        }
    }

    /// An event committed on A reaches a subscriber on B through the notification, long before the
    /// tail's next poll.
    @Test func anEventCommittedOnOneInstanceReachesASubscriberOnTheOtherWithoutWaitingForAPoll() async throws {
        try await FreshDatabase.with { fresh in
            let a = try await Instance(url: fresh.url)
            let b = try await Instance(url: fresh.url)
            let subscription = try await b.bus.subscribe(after: nil)
            try await a.append([PostgresEventLogTests.draft(7)])
            let started = ContinuousClock.now
            let event = try await subscription.first(where: { _ in true })
            #expect(event?.payload == #"{"operatorID":7}"#)
            #expect(ContinuousClock.now - started < .seconds(30), "the 60 s poll did not deliver it")
            await subscription.cancel()
            await a.close()
            await b.close()
        }
    }

    /// The listener's connection dies (a restarted server, a killed backend): the tail listens again
    /// on a new one, and notifications, not the 60 s poll, deliver what commits afterwards.
    @Test func theTailListensAgainAfterItsConnectionIsKilled() async throws {
        try await FreshDatabase.with { fresh in
            let a = try await Instance(url: fresh.url)
            let b = try await Instance(url: fresh.url)
            let subscription = try await b.bus.subscribe(after: nil)
            let database = String(fresh.url.split(separator: "/").last?.split(separator: "?").first ?? "")
            let listeners = """
                SELECT count(*) FROM pg_stat_activity WHERE datname = '\(database)' AND query ILIKE 'LISTEN%'
                """
            try await eventually("both tails listen") { try ThrowawayPostgres.shared().psql(listeners).hasPrefix("2") }
            _ = try ThrowawayPostgres.shared().psql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)' AND query ILIKE 'LISTEN%'"
            )
            // The tails retry every second; the margin is for a machine busy with other suites.
            try await eventually(timeout: .seconds(30), "both tails listen again") {
                try ThrowawayPostgres.shared().psql(listeners).hasPrefix("2")
            }
            try await a.append([PostgresEventLogTests.draft(9)])
            let started = ContinuousClock.now
            let event = try await subscription.first(where: { _ in true })
            #expect(event?.payload == #"{"operatorID":9}"#)
            #expect(ContinuousClock.now - started < .seconds(30), "the 60 s poll did not deliver it")
            await subscription.cancel()
            await a.close()
            await b.close()
        }
    }
}
