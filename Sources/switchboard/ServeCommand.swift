import ArgumentParser
import Hummingbird
import Logging
import SwitchboardApp

/// `switchboard serve`: runs the HTTP server and every background service until SIGTERM/SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run Switchboard.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try options.load()
        var logger = Logger(label: "switchboard")
        logger.logLevel = config.logLevel
        logger.info("starting", metadata: ["config": "\(config)"])
        let (app, _) = try buildApplication(config: config, logger: logger)
        try await app.runService()
    }
}
