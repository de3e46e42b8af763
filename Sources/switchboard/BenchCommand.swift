import ArgumentParser
import Foundation
import PostgresStore
import SwitchboardApp
import SwitchboardBench

/// `switchboard bench`: measurements that print numbers.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a benchmark and print its numbers (build with -c release).",
        subcommands: [
            IngestBenchCommand.self, ReportsBenchCommand.self, SearchBenchCommand.self, E2EBenchCommand.self, BusBenchCommand.self,
            MinimalServerCommand.self,
        ]
    )
}

/// `switchboard bench ingest`: router throughput and latency against the raw insert ceiling of the
/// same engine; on PostgreSQL also the delivery latency between two `serve` instances.
struct IngestBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest synthetic messages through the real router.",
        discussion:
            "With --database postgres://… it ingests into that PostgreSQL database (migrated first; refused when it has desk rows, so give it an empty one) "
            + "beside plain INSERTs on the same server, and first runs two `serve` instances on it, posting to A at each of --rates while "
            + "operators listen on A and B. Exits non-zero when a message was lost or doubled on either instance."
    )

    @Option(help: "Messages to ingest.") var messages = 20_000
    @Option(help: "Concurrent producers (channel adapters).") var producers = 8
    @Option(help: "Distinct clients the messages come from.") var clients = 1_000
    @Option(help: "Directory for the database files and server logs (default: a new temporary directory, removed afterwards).")
    var directory: String?
    @Option(name: .customLong("text-bytes"), help: "Pad each message's text to about this many bytes (0: a short line).") var textBytes = 0
    @Option(help: "A postgres:// URL of an empty database to run on instead of a SQLite file.") var database: String?
    @Option(help: "PostgreSQL only: messages per second posted to instance A, comma-separated.") var rates = "200,1000"
    @Option(name: .customLong("rate-seconds"), help: "PostgreSQL only: length of each rate.") var rateSeconds = 5.0
    @Flag(name: .customLong("no-instances"), help: "PostgreSQL only: skip the two `serve` instances.") var noInstances = false

    func validate() throws {
        guard messages > 0, producers > 0, clients > 0, textBytes >= 0, rateSeconds > 0 else { throw ValidationError("counts must be positive") }
        guard parsedRates != nil else { throw ValidationError("--rates must be positive numbers separated by commas") }
        if let database {
            guard case .postgres = try? DatabaseLocation(database) else {
                throw ValidationError("--database takes a postgres://user@host:port/database URL (a SQLite file goes in --directory)")
            }
        }
    }

    private var parsedRates: [Double]? {
        let values = rates.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        return values.compactMap { $0 }
    }

    func run() async throws {
        let folder =
            directory.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var clean = true
        defer { if directory == nil, clean { try? FileManager.default.removeItem(at: folder) } }
        let texts = textBytes == 0 ? "short" : "\(textBytes)-byte"
        var location: PostgresLocation? = nil
        if let database, case .postgres(let parsed) = try DatabaseLocation(database) {
            location = parsed
            say("switchboard bench ingest on PostgreSQL \(parsed), files in \(folder.path)")
            try await PostgresBenchDatabase.prepare(parsed)
            if !noInstances { clean = try await runInstances(url: database, folder: folder) }
        }
        say(
            "switchboard bench ingest: \(messages) messages, \(producers) producers, \(clients) clients, \(texts) texts, "
                + (location.map { "PostgreSQL \($0)" } ?? "SQLite WAL in \(folder.path)")
        )
        let report = try await IngestBenchmark(
            options: .init(messages: messages, producers: producers, clients: clients, directory: folder, textBytes: textBytes, postgresURL: database)
        ).run()
        say(String(format: "router ingest                 %10.0f msg/s  (%d stored and published)", report.messagesPerSecond, report.stored))
        say(
            String(
                format: "ingest -> event published     p50 %.2f ms   p99 %.2f ms   max %.2f ms",
                report.latency.p50,
                report.latency.p99,
                report.latency.max
            )
        )
        if location == nil {
            say(String(format: "raw GRDB 1-row transactions   %10.0f tx/s  (same disk, same concurrency)", report.rawTransactionsPerSecond))
        } else {
            say(String(format: "raw INSERT 1-row transactions %10.0f tx/s  (same server, same concurrency)", report.rawTransactionsPerSecond))
        }
        say(String(format: "ratio router / raw            %10.2f", report.messagesPerSecond / report.rawTransactionsPerSecond))
        if let batched = report.rawBatchedRowsPerSecond, let batch = report.rawBatch {
            say(String(format: "raw INSERT %d-row batches   %10.0f rows/s  (one statement per batch, one connection)", batch, batched))
        }
        if let peak = report.peakResidentBytes {
            say(String(format: "peak RSS                      %10.1f MiB", Double(peak) / 1_048_576))
        }
        guard clean else {
            say("FAILED: messages were lost, doubled or not shown across the instances; server logs are in \(folder.path)")
            throw ExitCode.failure
        }
    }

    /// The two `serve` instances on the database; returns whether every message was stored and shown once on each.
    private func runInstances(url: String, folder: URL) async throws -> Bool {
        var options = TwoInstanceBenchmark.Options(postgresURL: url, directory: folder.appendingPathComponent("instances"))
        options.rates = parsedRates ?? options.rates
        options.rateSeconds = rateSeconds
        let rateList = options.rates.map { String(Int($0)) }.joined(separator: "/")
        say("two instances: signed Viber callbacks posted to A at \(rateList) msg/s for \(rateSeconds) s each, operators listening on A and B")
        let report = try await TwoInstanceBenchmark(options: options) { say($0) }.run()
        say("latencies in ms, p50 / p99 / max; \"answer\" is A's 2xx, sent after its commit")
        for line in report.table() { say(line) }
        var clean = true
        for (name, check) in [("B", report.checkOnB), ("A", report.checkOnA)] {
            if check.isClean {
                say("instance \(name): all \(check.acknowledged) acknowledged messages stored exactly once and streamed once")
            } else {
                clean = false
                for problem in check.problems { say("instance \(name): \(problem)") }
            }
        }
        return clean
    }

    /// Prints at once: `print` is block-buffered when stdout is a pipe.
    private func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
