import Foundation

/// The minimal decode-and-insert server (``MinimalIngestServer``) in a child process, flooded the same way.
struct MinimalUnderTest: Sendable {
    let options: E2EBenchmark.Options
    let factory: ViberCallbackFactory
    let progress: @Sendable (String) -> Void

    /// Starts the server, floods it, stops it and checks its rows.
    /// - Throws: when the server cannot be started.
    func run(numbers: Counter) async throws -> E2EServerReport {
        let folder = options.directory.appendingPathComponent("minimal")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let port = try ServerProcess.freePort()
        let database = folder.appendingPathComponent("minimal.sqlite").path
        progress("minimal: starting `bench minimal-server` on 127.0.0.1:\(port)")
        let server = try ServerProcess(
            name: "minimal",
            arguments: ["bench", "minimal-server", "--port", String(port), "--database", database],
            environment: ChildEnvironment.make([:]),
            port: port,
            logFile: folder.appendingPathComponent("server.log")
        )
        do {
            try await server.waitUntilAnswering("/healthz")
            let idle = try await server.waitUntilIdle(timeout: .seconds(30)) ?? server.sample()
            let ledger = DeliveryLedger()
            let flooder = Flooder(
                port: port,
                path: "/webhooks/viber/bench",
                connections: options.connections,
                factory: factory,
                ledger: ledger,
                numbers: numbers
            )
            let phases = try await PhaseRunner(
                server: server,
                flooder: flooder,
                ledger: ledger,
                options: options,
                streamed: false,
                progress: progress
            )
            .runAll()
            let after = try server.sample()
            await server.stop()
            let measured = Measured(phases: phases, idle: idle, after: after, records: ledger.snapshot())
            return measured.report(name: "minimal", storedTexts: try MinimalIngestServer.storedTexts(path: database), streamed: false)
        } catch {
            await server.stop()
            throw error
        }
    }
}
