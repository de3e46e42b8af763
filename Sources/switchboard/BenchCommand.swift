import ArgumentParser
import Foundation
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

/// `switchboard bench ingest`: router throughput and latency against the raw SQLite ceiling.
struct IngestBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ingest", abstract: "Ingest synthetic messages through the real router.")

    @Option(help: "Messages to ingest.") var messages = 20_000
    @Option(help: "Concurrent producers (channel adapters).") var producers = 8
    @Option(help: "Distinct clients the messages come from.") var clients = 1_000
    @Option(help: "Directory for the database files (default: a new temporary directory, removed afterwards).") var directory: String?
    @Option(name: .customLong("text-bytes"), help: "Pad each message's text to about this many bytes (0: a short line).") var textBytes = 0

    func validate() throws {
        guard messages > 0, producers > 0, clients > 0, textBytes >= 0 else { throw ValidationError("counts must be positive") }
    }

    func run() async throws {
        let folder =
            directory.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if directory == nil { try? FileManager.default.removeItem(at: folder) } }
        let texts = textBytes == 0 ? "short" : "\(textBytes)-byte"
        print("switchboard bench ingest: \(messages) messages, \(producers) producers, \(clients) clients, \(texts) texts,", terminator: "")
        print(" SQLite WAL in \(folder.path)")
        let report = try await IngestBenchmark(
            options: .init(messages: messages, producers: producers, clients: clients, directory: folder, textBytes: textBytes)
        ).run()
        print(String(format: "router ingest                 %10.0f msg/s  (%d stored and published)", report.messagesPerSecond, report.stored))
        print(
            String(
                format: "ingest -> event published     p50 %.2f ms   p99 %.2f ms   max %.2f ms",
                report.latency.p50,
                report.latency.p99,
                report.latency.max
            )
        )
        print(String(format: "raw GRDB 1-row transactions   %10.0f tx/s  (same disk, same concurrency)", report.rawTransactionsPerSecond))
        print(String(format: "ratio router / raw            %10.2f", report.messagesPerSecond / report.rawTransactionsPerSecond))
        if let peak = report.peakResidentBytes {
            print(String(format: "peak RSS                      %10.1f MiB", Double(peak) / 1_048_576))
        }
    }
}
