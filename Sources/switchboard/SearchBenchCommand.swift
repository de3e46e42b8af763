import ArgumentParser
import Foundation
import SwitchboardBench

/// `switchboard bench search`: the inbox search's latency on a large seeded history.
struct SearchBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Time the inbox search on seeded messages.")

    @Option(help: "Messages to seed (conversations of ten).") var messages = 1_000_000
    @Option(help: "Timed runs per query, after one warm-up run.") var runs = 30
    @Option(help: "Hits asked for, as the inbox asks.") var limit = 20
    @Option(
        help:
            "Directory for the database file, kept afterwards and reused when it already holds one (default: a new temporary directory, removed afterwards)."
    )
    var directory: String?

    func validate() throws {
        guard messages >= 10, runs > 0, (1...200).contains(limit) else { throw ValidationError("messages ≥ 10, runs > 0, limit 1…200") }
    }

    func run() async throws {
        let folder =
            directory.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if directory == nil { try? FileManager.default.removeItem(at: folder) } }
        print("switchboard bench search: \(messages) messages, \(runs) runs per query, limit \(limit), SQLite WAL in \(folder.path)")
        let report = try await SearchBenchmark(options: .init(messages: messages, runs: runs, limit: limit, directory: folder)).run()
        let rows = report.rows.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print(report.seedSeconds.map { String(format: "seeded in %.1f s: ", $0) } ?? "reused the seeded file: ", terminator: rows + "\n")
        print("query                            p50 ms    p99 ms    max ms  messages contacts")
        for timing in report.timings {
            let name = timing.query.padding(toLength: 30, withPad: " ", startingAt: 0)
            print(
                name
                    + String(
                        format: " %9.2f %9.2f %9.2f %9d %8d",
                        timing.latency.p50,
                        timing.latency.p99,
                        timing.latency.max,
                        timing.messageHits,
                        timing.contactHits
                    )
            )
        }
        print(String(format: "all queries                    %9.2f %9.2f %9.2f", report.overall.p50, report.overall.p99, report.overall.max))
        if let peak = report.peakResidentBytes {
            print(String(format: "peak RSS %.1f MiB", Double(peak) / 1_048_576))
        }
    }
}
