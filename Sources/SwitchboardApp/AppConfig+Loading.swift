public import Foundation
import Logging

extension AppConfig {
    /// Reads and validates the settings.
    /// - Parameters:
    ///   - flags: values given on the command line, keyed like the environment (`SWITCHBOARD_PORT`).
    ///   - environment: the process environment; only `SWITCHBOARD_*` keys are read.
    ///   - readFile: reads the config file named by `SWITCHBOARD_CONFIG` (injected for tests).
    /// - Throws: `ConfigError` listing every invalid or unknown setting.
    public static func load(
        flags: [String: String] = [:],
        environment: [String: String] = ProcessInfo.processInfo.environment,
        readFile: (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) }
    ) throws(ConfigError) -> AppConfig {
        var problems: [String] = []
        let known = Set(keys.map(\.key))
        let fromEnvironment = environment.filter { $0.key.hasPrefix("SWITCHBOARD_") }
        for key in fromEnvironment.keys.sorted() where !known.contains(key) {
            problems.append("\(key): unknown setting (environment)")
        }
        var fromFile: [String: String] = [:]
        if let path = flags["SWITCHBOARD_CONFIG"] ?? fromEnvironment["SWITCHBOARD_CONFIG"] {
            do {
                fromFile = try parseFile(try readFile(path), path: path, problems: &problems)
            } catch {
                problems.append("SWITCHBOARD_CONFIG: cannot read \(path)")
            }
            for key in fromFile.keys.sorted() where !known.contains(key) || key == "SWITCHBOARD_CONFIG" {
                problems.append("\(key): unknown setting (\(path))")
            }
        }
        func value(_ key: String) -> String? { flags[key] ?? fromEnvironment[key] ?? fromFile[key] }

        let host = value("SWITCHBOARD_HOST") ?? "127.0.0.1"
        if host.isEmpty || host.contains(where: \.isWhitespace) { problems.append("SWITCHBOARD_HOST: '\(host)' is not a host name or address") }
        var port = 8080
        if let raw = value("SWITCHBOARD_PORT") {
            if let parsed = Int(raw), (0...65535).contains(parsed) {
                port = parsed
            } else {
                problems.append("SWITCHBOARD_PORT: '\(raw)' is not a port (0-65535)")
            }
        }
        let database = value("SWITCHBOARD_DATABASE") ?? "switchboard.sqlite"
        let directory = localFolder(of: database)
        var isDirectory: ObjCBool = false
        if database.isEmpty {
            problems.append("SWITCHBOARD_DATABASE: must not be empty")
        } else if case .failure(let unsupported) = Result(catching: { () throws(DatabaseLocation.Unsupported) in try DatabaseLocation(database) }) {
            problems.append("SWITCHBOARD_DATABASE: \(unsupported.description)")
        } else if !directory.isEmpty && !(FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue) {
            problems.append("SWITCHBOARD_DATABASE: directory '\(directory)' does not exist")
        }
        var publicURL: URL?
        if let raw = value("SWITCHBOARD_PUBLIC_URL") {
            if let url = URL(string: raw), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false {
                publicURL = url
            } else {
                problems.append("SWITCHBOARD_PUBLIC_URL: '\(raw)' is not an absolute http(s) URL")
            }
        }
        var level = Logger.Level.info
        if let raw = value("SWITCHBOARD_LOG_LEVEL") {
            if let parsed = Logger.Level(rawValue: raw.lowercased()) {
                level = parsed
            } else {
                problems.append("SWITCHBOARD_LOG_LEVEL: '\(raw)' is not a log level")
            }
        }
        let channels = loadChannelSettings(value, problems: &problems)
        let presenceTimeout = loadPresenceTimeout(value, problems: &problems)
        let continuity = loadContinuitySettings(value, problems: &problems)
        let webhooksAllowPrivate = loadWebhooksAllowPrivate(value, problems: &problems)
        let metricsAddress = loadMetricsAddress(value, problems: &problems)
        let idleTimeout = loadIdleTimeout(value, problems: &problems)
        let mediaLinkLifetime = loadMediaLinkLifetime(value, problems: &problems)
        let floodLimits = loadFloodLimits(value, problems: &problems)
        let databaseLimits = loadDatabaseLimits(value, problems: &problems)
        let logSettings = loadLogSettings(value, problems: &problems)
        guard problems.isEmpty else { throw ConfigError(problems: problems) }
        return AppConfig(
            host: host,
            port: port,
            databasePath: database,
            publicURL: publicURL,
            logLevel: level,
            mediaDirectory: channels.mediaDirectory,
            mediaMaxBytes: channels.mediaMaxBytes,
            secretKey: channels.secretKey,
            secretKeyFile: channels.secretKeyFile,
            proxy: channels.proxy,
            presenceTimeout: presenceTimeout,
            channelsDirectory: value("SWITCHBOARD_CHANNELS_DIR") ?? "channels",
            contextTTL: continuity.contextTTL,
            autoLinkByPhone: continuity.autoLinkByPhone,
            webhooksAllowPrivate: webhooksAllowPrivate,
            webhooksManifest: value("SWITCHBOARD_WEBHOOKS_MANIFEST"),
            metricsAddress: metricsAddress,
            idleTimeout: idleTimeout,
            mediaLinkLifetime: mediaLinkLifetime,
            floodLimits: floodLimits,
            logFormat: logSettings.format,
            instance: logSettings.instance,
            databasePoolSize: databaseLimits.poolSize,
            databaseStatementTimeout: databaseLimits.statementTimeout
        )
    }

    /// Parses `KEY=VALUE` lines; blank lines and `#` comments are skipped, values may be quoted.
    static func parseFile(_ contents: String, path: String, problems: inout [String]) -> [String: String] {
        var values: [String: String] = [:]
        for (index, rawLine) in contents.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                problems.append("\(path):\(index + 1): expected KEY=VALUE")
                continue
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            values[key] = value
        }
        return values
    }
}
