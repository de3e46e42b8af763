import ArgumentParser
import Foundation
import SwitchboardApp

/// Flags shared by commands that read the configuration; each mirrors a `SWITCHBOARD_*` key.
struct ConfigOptions: ParsableArguments {
    @Option(help: "Address to bind (SWITCHBOARD_HOST, default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to bind (SWITCHBOARD_PORT, default 8080).")
    var port: String?

    @Option(help: "SQLite database file (SWITCHBOARD_DATABASE, default ./switchboard.sqlite).")
    var database: String?

    @Option(name: .customLong("public-url"), help: "Externally reachable base URL (SWITCHBOARD_PUBLIC_URL).")
    var publicURL: String?

    @Option(name: .customLong("log-level"), help: "Log level (SWITCHBOARD_LOG_LEVEL, default info).")
    var logLevel: String?

    @Option(help: "A KEY=VALUE file with SWITCHBOARD_* settings (SWITCHBOARD_CONFIG).")
    var config: String?

    /// The flags that were given, keyed like the environment.
    var asSettings: [String: String] {
        var settings: [String: String] = [:]
        settings["SWITCHBOARD_HOST"] = host
        settings["SWITCHBOARD_PORT"] = port
        settings["SWITCHBOARD_DATABASE"] = database
        settings["SWITCHBOARD_PUBLIC_URL"] = publicURL
        settings["SWITCHBOARD_LOG_LEVEL"] = logLevel
        settings["SWITCHBOARD_CONFIG"] = config
        return settings
    }

    /// Loads and validates the configuration, or exits with every problem listed.
    func load() throws -> AppConfig {
        do {
            return try AppConfig.load(flags: asSettings)
        } catch {
            FileHandle.standardError.write(Data("switchboard: \(error.description)\n".utf8))
            // 78 is EX_CONFIG: supervisors can tell a bad setting from a crash.
            throw ExitCode(78)
        }
    }
}
