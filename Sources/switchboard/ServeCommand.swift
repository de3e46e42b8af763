import ArgumentParser
import Foundation
import Hummingbird
import Logging
import SwitchboardApp
import SwitchboardCore

/// `switchboard serve`: runs the HTTP server and every background service until SIGTERM/SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run Switchboard.",
        discussion:
            "Channel manifests (SWITCHBOARD_CHANNELS_DIR/*.yaml, default ./channels) are applied first: missing channels are created, described fields updated, nothing deleted. Then the webhooks manifest (SWITCHBOARD_WEBHOOKS_MANIFEST), the same way."
    )

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try options.load()
        config.bootstrapLogging()
        var logger = Logger(label: "switchboard")
        logger.logLevel = config.logLevel
        logger.info("starting", metadata: ["config": "\(config)"])
        let (app, switchboard) = try buildApplication(config: config, logger: logger)
        // A PostgreSQL store migrates before its first operation: a database that cannot be reached
        // or migrated stops serve here, before it takes any traffic.
        try await switchboard.store.ping()
        do {
            try await switchboard.applyChannelManifests(config: config, logger: logger)
        } catch let error as ConfigError {
            FileHandle.standardError.write(Data("switchboard: channel manifests: \(error.description)\n".utf8))
            throw ExitCode(78)
        } catch let error as ChannelAdminError {
            FileHandle.standardError.write(Data("switchboard: channel manifests: \(error.description)\n".utf8))
            throw ExitCode(78)
        }
        do {
            try await switchboard.applyWebhooksManifest(config: config, logger: logger)
        } catch let error as ConfigError {
            FileHandle.standardError.write(Data("switchboard: webhooks manifest: \(error.description)\n".utf8))
            throw ExitCode(78)
        }
        try await app.runService()
    }
}
