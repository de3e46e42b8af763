import Foundation
import SwitchboardBench
import TestSupport

/// One real `switchboard serve` process of the cluster under test: the binary this package built,
/// started with its own port and instance name on the shared database.
final class ServeInstance: Sendable {
    /// The process failed to start, died, or never answered.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let name: String
    let port: Int
    let logFile: URL
    private let process: Process

    /// Starts `switchboard serve` with exactly `environment` (plus this instance's port and name).
    /// - Throws: ``Failure`` when the binary is missing or cannot be started.
    init(name: String, environment: [String: String], folder: URL) throws {
        self.name = name
        port = try Socket.serverPort()
        logFile = folder.appendingPathComponent("serve-\(name).log")
        let process = Process()
        process.executableURL = try Self.binary()
        process.arguments = ["serve"]
        process.environment = environment.merging([
            "SWITCHBOARD_HOST": "127.0.0.1",
            "SWITCHBOARD_PORT": String(port),
            "SWITCHBOARD_PUBLIC_URL": "http://127.0.0.1:\(port)",
            "SWITCHBOARD_INSTANCE": name,
        ]) { _, own in own }
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        process.standardOutput = log
        process.standardError = log
        try process.run()
        self.process = process
    }

    var isRunning: Bool { process.isRunning }

    /// Waits until `/readyz` answers 200: the instance is migrated, wired and taking traffic.
    func waitUntilReady(timeout: Duration = .seconds(90)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                throw Failure(description: "\(name) exited with status \(process.terminationStatus); its log:\n\(logTail())")
            }
            let status = try? await KeepAliveConnection.with(port: port) { try await $0.send(.init(path: "/readyz")).status }
            if status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "\(name) was not ready within \(timeout); its log:\n\(logTail())")
    }

    /// Kills the process at once (SIGKILL): no graceful shutdown, its connections simply drop.
    func kill() async {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
    }

    /// Stops the process gracefully (SIGTERM; SIGKILL after 20 s).
    func stop() async {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = ContinuousClock.now + .seconds(20)
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        await kill()
    }

    /// The last lines the process wrote, for failure messages.
    func logTail(lines: Int = 40) -> String {
        guard let text = try? String(contentsOf: logFile, encoding: .utf8) else { return "(no log)" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    /// The `switchboard` binary beside this test bundle: `swift build` puts every product of the
    /// package in one folder, so the instances run exactly the code under test.
    private static func binary() throws -> URL {
        let tests = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let binary = URL(fileURLWithPath: tests).deletingLastPathComponent().appendingPathComponent("switchboard")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw Failure(description: "no switchboard binary at \(binary.path); run `swift build --product switchboard` first")
        }
        return binary
    }
}
