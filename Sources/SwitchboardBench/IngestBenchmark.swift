public import Foundation
import Logging
import PostgresStore
import SwitchboardApp
import SwitchboardCore
import SwitchboardEngine
import Synchronization

/// Ingests synthetic client messages through the real router into a real SQLite file (or a
/// PostgreSQL database) and measures throughput, ingest → event-published latency and memory, next
/// to the raw insert ceiling of the same engine.
public struct IngestBenchmark: Sendable {
    /// What to run.
    public struct Options: Sendable {
        public var messages: Int
        public var producers: Int
        public var clients: Int
        public var directory: URL
        /// Pads each message's text to at least this many UTF-8 bytes (0: a short line), like a pasted paragraph.
        public var textBytes: Int
        /// A `postgres://` URL of the database to ingest into instead of a SQLite file in
        /// `directory`; it must have been checked empty (`PostgresBenchDatabase.prepare`).
        public var postgresURL: String?

        /// Creates options.
        public init(messages: Int, producers: Int, clients: Int, directory: URL, textBytes: Int = 0, postgresURL: String? = nil) {
            self.messages = messages
            self.producers = producers
            self.clients = clients
            self.directory = directory
            self.textBytes = textBytes
            self.postgresURL = postgresURL
        }
    }

    /// What was measured.
    public struct Report: Sendable {
        public var messagesPerSecond: Double
        public var latency: LatencySummary
        public var rawTransactionsPerSecond: Double
        /// PostgreSQL only: rows per second inserted `rawBatch` rows per statement.
        public var rawBatchedRowsPerSecond: Double?
        public var rawBatch: Int?
        public var peakResidentBytes: Int?
        public var stored: Int
    }

    let options: Options

    /// Creates the benchmark.
    public init(options: Options) {
        self.options = options
    }

    /// Runs both measurements in one process, so their ratio is meaningful on a noisy machine.
    public func run() async throws -> Report {
        let database = options.postgresURL ?? options.directory.appendingPathComponent("bench.sqlite").path
        let store = try openStore(AppConfig(databasePath: database))
        let channel = try await store.createChannel(
            ChannelDraft(kind: .telegram, name: "bench", mode: .poll, persona: Persona(name: "Bench")),
            at: Date()
        )
        let bus = openEventBus(log: store)
        let logger = Logger(label: "bench")
        // `serve` follows every ingest with identity linking; its cost is part of a message's.
        let continuity = ContinuityService(
            store: store,
            bus: bus,
            clock: SystemWallClock(),
            dispatcher: nil,
            autoLinkByPhone: false,
            logger: logger
        )
        let router = InboundRouter(store: store, bus: bus, logger: logger, followUp: continuity)
        let padding = Self.padding(bytes: options.textBytes)
        let timings = Timings()
        let subscription = try await bus.subscribe(after: nil)
        let expected = options.messages
        let consumer = Task {
            var count = 0
            for try await event in subscription where event.kind == .messageCreated {
                let now = ContinuousClock.now
                if let id = event.messageID { timings.received.withLock { $0[id.rawValue] = now } }
                count += 1
                if count == expected { break }
            }
        }
        let begin = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for producer in 0..<options.producers {
                group.addTask { [options] in
                    for index in stride(from: producer, to: options.messages, by: options.producers) {
                        let event = InboundEvent(
                            channelID: channel.id,
                            deliveryKey: "update-\(index)",
                            sender: SenderProfile(externalID: "client-\(index % options.clients)", displayName: "Client \(index % options.clients)"),
                            occurredAt: Date(),
                            payload: .message(
                                externalMessageID: "msg-\(index)",
                                text: "Hello, I need help with order #\(index)" + padding,
                                attachments: [],
                                contextKey: nil
                            )
                        )
                        let t0 = ContinuousClock.now
                        if case .new(let result) = try await router.ingest(event), let id = result.messageID {
                            timings.started.withLock { $0[id.rawValue] = t0 }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        try await consumer.value
        let elapsed = begin.duration(to: .now)
        let samples = timings.latencies()
        let stored = samples.count
        try store.close()
        var report = Report(
            messagesPerSecond: Double(options.messages) / elapsed.seconds,
            latency: LatencySummary(seconds: samples),
            rawTransactionsPerSecond: 0,
            peakResidentBytes: ProcessMemory.peakResidentBytes(),
            stored: stored
        )
        if let url = options.postgresURL {
            let location = try PostgresLocation(url: url)
            let raw = try await RawPostgresBaseline.measure(location: location, count: options.messages, concurrency: options.producers)
            report.rawTransactionsPerSecond = raw.rowTransactionsPerSecond
            report.rawBatchedRowsPerSecond = raw.batchedRowsPerSecond
            report.rawBatch = raw.batch
        } else {
            report.rawTransactionsPerSecond = try await RawSQLiteBaseline.measure(
                path: options.directory.appendingPathComponent("raw.sqlite").path,
                count: options.messages,
                concurrency: options.producers
            )
        }
        return report
    }
}

extension IngestBenchmark {
    /// Ordinary prose (with digits, as order numbers come) appended to reach `bytes`.
    static func padding(bytes: Int) -> String {
        let sentence = " My parcel 4711 did not arrive yet, the tracking page has shown the same status for three days now."
        var text = ""
        while text.utf8.count + 40 < bytes { text += sentence }
        return text
    }
}

/// When each message's ingest began and when its event reached the subscriber, keyed by message id.
private final class Timings: Sendable {
    let started = Mutex<[Int64: ContinuousClock.Instant]>([:])
    let received = Mutex<[Int64: ContinuousClock.Instant]>([:])

    func latencies() -> [Double] {
        started.withLock { starts in
            received.withLock { ends in starts.compactMap { id, t0 in ends[id].map { t0.duration(to: $0).seconds } } }
        }
    }
}
