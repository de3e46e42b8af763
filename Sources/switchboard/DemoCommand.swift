import ArgumentParser
import Foundation
import Logging
import SwitchboardApp
import SwitchboardDemo

/// `switchboard demo`: the whole product on fake messengers, for a first look and for browser tests.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run Switchboard with a fake Telegram bot, demo accounts and simulated clients.",
        discussion: "Never connects to a real messenger. The demo control routes (/demo/...) exist only in this mode."
    )

    @Option(help: "Address to bind.") var host = "127.0.0.1"
    @Option(help: "Port to bind.") var port = 8080
    @Option(help: "A new SQLite file for the demo (default: a fresh file in a new temporary folder).") var database: String?
    @Option(help: "How many simulated clients write from time to time (0 for none).") var clients = 4
    @Flag(name: .customLong("quiet-clients"), help: "No simulated clients (same as --clients 0); for tests.") var quietClients = false
    @Option(name: .customLong("log-level"), help: "Log level.") var logLevel = "notice"

    func validate() throws {
        guard clients >= 0 else { throw ValidationError("--clients must be 0 or more") }
        if let database, FileManager.default.fileExists(atPath: database) {
            // The demo seeds accounts and channels: it must never write into a real database.
            throw ValidationError("\(database) already exists; the demo needs a new file")
        }
    }

    func run() async throws {
        let path = try database ?? Self.freshDatabasePath()
        let config: AppConfig
        do {
            config = try AppConfig.load(
                // Everything of the demo lives on this machine, so its webhooks' receivers do too.
                flags: [
                    "SWITCHBOARD_HOST": host, "SWITCHBOARD_PORT": String(port), "SWITCHBOARD_DATABASE": path, "SWITCHBOARD_LOG_LEVEL": logLevel,
                    "SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE": "true",
                ],
                environment: [:]
            )
        } catch {
            FileHandle.standardError.write(Data("switchboard demo: \(error.description)\n".utf8))
            throw ExitCode(78)
        }
        var logger = Logger(label: "switchboard.demo")
        logger.logLevel = config.logLevel
        try await Demo.run(.init(config: config, clients: quietClients ? 0 : clients), logger: logger)
    }

    private static func freshDatabasePath() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-demo-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("demo.sqlite").path
    }
}
