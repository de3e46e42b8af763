import Foundation
import SwitchboardBench
import TestSupport

/// One real `switchboard serve` process of the cluster under test: the binary this package built,
/// with a port and an instance name of its own on the shared database.
enum ServeInstance {
    /// Starts `switchboard serve` with exactly `environment` plus this instance's address and name.
    /// - Throws: when the binary is missing or cannot be started.
    static func start(name: String, environment: [String: String], folder: URL) throws -> ServerProcess {
        let port = try Socket.serverPort()
        return try ServerProcess(
            name: name,
            executable: try binary(),
            arguments: ["serve"],
            environment: environment.merging([
                "SWITCHBOARD_HOST": "127.0.0.1",
                "SWITCHBOARD_PORT": String(port),
                "SWITCHBOARD_PUBLIC_URL": "http://127.0.0.1:\(port)",
                "SWITCHBOARD_INSTANCE": name,
            ]) { _, own in own },
            port: port,
            logFile: folder.appendingPathComponent("serve-\(name).log")
        )
    }

    /// The `switchboard` binary beside this test bundle: `swift build` puts every product of the
    /// package in one folder, so the instances run exactly the code under test.
    private static func binary() throws -> URL {
        let tests = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let binary = URL(fileURLWithPath: tests).deletingLastPathComponent().appendingPathComponent("switchboard")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw ServerProcess.Failure(description: "no switchboard binary at \(binary.path); run `swift build --product switchboard` first")
        }
        return binary
    }
}
