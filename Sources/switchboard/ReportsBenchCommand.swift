import ArgumentParser
import Foundation
import SwitchboardBench

/// `switchboard bench reports`: each report's time on a large synthetic history.
struct ReportsBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reports", abstract: "Time every report on a seeded year of history.")

    @Option(help: "Conversations to seed.") var conversations = 100_000
    @Option(help: "Messages per conversation.") var messagesPerConversation = 10
    @Option(help: "Runs per report (the p50 is printed).") var runs = 5
    @Option(help: "Directory for the database file, kept and reused by the next run (default: a new temporary directory, removed afterwards).")
    var directory: String?

    func validate() throws {
        guard conversations > 0, messagesPerConversation > 1, runs > 0 else { throw ValidationError("counts must be positive") }
    }

    func run() async throws {
        let folder =
            directory.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if directory == nil { try? FileManager.default.removeItem(at: folder) } }
        print("switchboard bench reports: \(conversations) conversations × \(messagesPerConversation) messages, SQLite WAL in \(folder.path)")
        let report = try await ReportsBenchmark(
            options: .init(conversations: conversations, messagesPerConversation: messagesPerConversation, runs: runs, directory: folder)
        ).run()
        let rows = report.rows.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print(rows.isEmpty ? "reusing the seeded file" : String(format: "seeded in %.1f s: ", report.seedSeconds) + rows)
        print("report                      range        p50 ms    max ms")
        for timing in report.timings {
            let name = timing.report.padding(toLength: 26, withPad: " ", startingAt: 0)
            let range = timing.range.padding(toLength: 10, withPad: " ", startingAt: 0)
            print(name + "  " + range + String(format: " %9.1f %9.1f", timing.p50, timing.max))
        }
        if let peak = report.peakResidentBytes {
            print(String(format: "peak RSS %.1f MiB", Double(peak) / 1_048_576))
        }
    }
}
