import Foundation
import Logging
public import PostgresStore
import SwitchboardApp
import SwitchboardCore
import Synchronization

/// `bench bus`: how long an event committed by one instance takes to reach a subscriber of
/// another instance's bus, on one PostgreSQL database, at steady write rates.
///
/// Two pools stand for the two instances. Instance A appends one event per transaction at the
/// rate asked for; instance B runs the `PostgresEventTail` that feeds its bus (the one `serve` uses),
/// and one subscriber of that bus notes when each event arrives. The latency of an event runs
/// from the moment A's commit returned to the moment B's subscriber got it.
public struct BusBenchmark: Sendable {
    public struct Options: Sendable {
        public var location: PostgresLocation
        public var rates: [Int]
        public var seconds: Double

        public init(location: PostgresLocation, rates: [Int], seconds: Double) {
            self.location = location
            self.rates = rates
            self.seconds = seconds
        }
    }

    /// What one rate gave.
    public struct RateResult: Sendable {
        public let rate: Int
        public let committed: Int
        public let delivered: Int
        /// Commits per second A achieved.
        public let achievedRate: Double
        public let latency: LatencySummary
    }

    /// Why the benchmark would not run.
    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
    }

    let options: Options

    public init(options: Options) {
        self.options = options
    }

    public func run() async throws -> [RateResult] {
        let logger = Logger(label: "bench.bus")
        let writer = try PostgresPool(options.location, poolSize: 16, logger: logger)
        let reader = try PostgresPool(options.location, poolSize: 4, logger: logger)
        var tailTask: Task<Void, Never>?
        func stop() async {
            tailTask?.cancel()
            await tailTask?.value
            await writer.close()
            await reader.close()
        }
        do {
            try await PostgresMigrator.migrate(writer)
            let log = PostgresEventLog(reader)
            guard try await log.latestSeq() == 0 else {
                throw Refusal(description: "bench bus appends thousands of events: give it an empty database (this one has events)")
            }
            let bus = openEventBus(log: log)
            let tail = PostgresEventTail(database: reader, bus: bus, after: 0)
            tailTask = Task { await tail.run() }
            var results: [RateResult] = []
            for rate in options.rates {
                results.append(try await measure(rate: rate, writer: writer, bus: bus))
            }
            await stop()
            return results
        } catch {
            await stop()
            throw error
        }
    }

    private func measure(rate: Int, writer: PostgresPool, bus: any EventBus) async throws -> RateResult {
        let committedAt = Stamps()
        let receivedAt = Stamps()
        let subscription = try await bus.subscribe(after: nil)
        let listener = Task {
            for try await event in subscription {
                let now = ContinuousClock.now
                receivedAt.times.withLock { $0[event.seq] = now }
            }
        }
        let total = max(1, Int(Double(rate) * options.seconds))
        let interval = Duration.seconds(1) / rate
        let started = ContinuousClock.now
        try await withThrowingDiscardingTaskGroup { group in
            for index in 0..<total {
                try await Task.sleep(until: started + interval * index)
                group.addTask {
                    let events = try await writer.withTransaction { connection in
                        try await PostgresEventLog.append([Self.draft(index)], on: connection, logger: writer.logger)
                    }
                    let now = ContinuousClock.now
                    committedAt.times.withLock { times in
                        for event in events { times[event.seq] = now }
                    }
                }
            }
        }
        let writing = ContinuousClock.now - started
        let deadline = ContinuousClock.now + .seconds(10)
        while receivedAt.times.withLock({ $0.count }) < total, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        listener.cancel()
        await subscription.cancel()
        let commits = committedAt.times.withLock { $0 }
        let arrivals = receivedAt.times.withLock { $0 }
        // B may get an event a hair before A's commit call returns (the notification races the
        // commit's reply); that counts as no delay, not a negative one.
        let latencies = commits.compactMap { seq, committed in
            arrivals[seq].map { max(0, Double(($0 - committed) / .microseconds(1)) / 1_000_000) }
        }
        return RateResult(
            rate: rate,
            committed: commits.count,
            delivered: commits.keys.filter { arrivals[$0] != nil }.count,
            achievedRate: Double(commits.count) / (Double(writing / .microseconds(1)) / 1_000_000),
            latency: LatencySummary(seconds: latencies)
        )
    }

    /// When each event (by `seq`) was seen, shared between tasks.
    final class Stamps: Sendable {
        let times = Mutex<[Int64: ContinuousClock.Instant]>([:])
    }

    static func draft(_ index: Int) -> EventDraft {
        EventDraft(.operatorSessionsRevoked, at: Date(), payload: .sessionsRevoked(SessionsRevokedPayload(operatorID: OperatorID(Int64(index)))))
    }
}
