import ArgumentParser
import Foundation
import SwitchboardBench

/// `switchboard bench e2e`: the real server flooded with signed webhooks beside a minimal one.
struct E2EBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "e2e",
        abstract: "Flood `serve` (a child process) with signed Viber webhooks while an operator listens, beside a minimal server.",
        discussion:
            "Exits non-zero when an acknowledged message was not stored exactly once or never reached the operator's WebSocket. Build with -c release for meaningful timings; --short only checks delivery."
    )

    @Option(help: "Keep-alive connections of the flood and of each rate.") var connections = 64
    @Option(name: .customLong("flood-seconds"), help: "Length of the closed-loop flood.") var floodSeconds = 10.0
    @Option(help: "Open-loop rates in messages per second, comma-separated.") var rates = "200,500,1000"
    @Option(name: .customLong("rate-seconds"), help: "Length of each open-loop rate.") var rateSeconds = 5.0
    @Option(help: "Distinct clients the messages come from.") var clients = 200
    @Option(name: .customLong("drain-timeout"), help: "Seconds to wait for a server to go idle after each phase.") var drainTimeout = 120.0
    @Flag(name: .customLong("no-minimal"), help: "Skip the minimal decode-and-insert server.") var noMinimal = false
    @Flag(help: "A few hundred messages at one low rate, Switchboard only: checks that nothing is lost or doubled (CI).")
    var short = false
    @Option(help: "Directory for the databases and server logs (default: a new temporary directory, removed afterwards when all went well).")
    var directory: String?

    func validate() throws {
        guard connections > 0, clients > 0, floodSeconds > 0, rateSeconds > 0, drainTimeout > 0 else {
            throw ValidationError("counts and durations must be positive")
        }
        guard parsedRates != nil else { throw ValidationError("--rates must be positive numbers separated by commas") }
    }

    private var parsedRates: [Double]? {
        let values = rates.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        return values.compactMap { $0 }
    }

    func run() async throws {
        let folder =
            directory.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var options = E2EBenchmark.Options(directory: folder)
        options.connections = connections
        options.floodSeconds = floodSeconds
        options.rates = parsedRates ?? options.rates
        options.rateSeconds = rateSeconds
        options.clients = clients
        options.drainTimeout = drainTimeout
        options.minimal = !noMinimal
        if short {
            // Enough to cross every path once per client, little enough for CI on a debug build.
            options.connections = min(connections, 8)
            options.floodLimit = 300
            options.floodSeconds = 60
            options.rates = [50]
            options.rateSeconds = 4
            options.minimal = false
        }
        let rateList = options.rates.map { String(Int($0)) }.joined(separator: "/")
        say(
            "switchboard bench e2e: \(options.connections) connections, "
                + (short ? "\(options.floodLimit ?? 0) messages" : "\(options.floodSeconds) s flood")
                + ", then \(rateList) msg/s for \(options.rateSeconds) s each, \(options.clients) clients, files in \(folder.path)"
        )
        let report = try await E2EBenchmark(options: options) { say($0) }.run()
        say("")
        say("callback body \(report.bodyBytes) bytes; latencies from the send (flood) or from when the message was due (rates)")
        for line in report.table() { say(line) }
        say("")
        var clean = true
        for server in [report.switchboard] + (report.minimal.map { [$0] } ?? []) {
            let check = server.check
            if check.isClean {
                let streamed = server.name == "switchboard" ? ", each reached the operator's WebSocket once" : ""
                say("\(server.name): all \(check.acknowledged) acknowledged messages stored exactly once\(streamed)")
            } else {
                clean = false
                for problem in check.problems { say("\(server.name): \(problem)") }
            }
        }
        guard clean else {
            say("FAILED: messages were lost, doubled or not shown; server logs are in \(folder.path)")
            throw ExitCode.failure
        }
        if directory == nil { try? FileManager.default.removeItem(at: folder) }
    }

    /// Prints at once: `print` is block-buffered when stdout is a pipe, as in CI.
    private func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

/// `switchboard bench minimal-server`: the baseline `bench e2e` starts as a child process.
struct MinimalServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minimal-server",
        abstract: "Serve the minimal decode-and-insert baseline of `bench e2e` until SIGTERM.",
        shouldDisplay: false
    )

    @Option(help: "Port on 127.0.0.1.") var port: Int
    @Option(help: "SQLite file.") var database: String

    func run() async throws {
        try await MinimalIngestServer.run(port: port, databasePath: database)
    }
}
