public import Foundation
public import Logging

/// Switchboard's settings, read once at start from flags, `SWITCHBOARD_*` variables and an optional file.
///
/// Precedence: command-line flag, then environment, then the config file, then the default.
/// The keys are a public contract that admins script against: add keys, never rename them.
public struct AppConfig: Sendable, Equatable, CustomStringConvertible {
    /// Address the HTTP server binds to.
    public var host: String
    /// Port the HTTP server binds to; 0 picks a free one.
    public var port: Int
    /// Path of the SQLite database file, created on first run.
    public var databasePath: String
    /// Externally reachable base URL (webhooks, avatars).
    public var publicURL: URL
    public var logLevel: Logger.Level
    /// Folder for uploads and files downloaded from messengers.
    public var mediaDirectory: String

    /// Every key Switchboard reads, with its default; `SWITCHBOARD_CONFIG` names the optional file.
    public static let keys: [(key: String, help: String)] = [
        ("SWITCHBOARD_HOST", "address to bind, default 127.0.0.1"),
        ("SWITCHBOARD_PORT", "port to bind, default 8080"),
        ("SWITCHBOARD_DATABASE", "SQLite file, default ./switchboard.sqlite"),
        ("SWITCHBOARD_PUBLIC_URL", "externally reachable base URL, default http://<host>:<port>"),
        ("SWITCHBOARD_LOG_LEVEL", "trace, debug, info, notice, warning, error or critical; default info"),
        ("SWITCHBOARD_MEDIA_DIR", "folder for uploads and messenger files, default 'media' beside the database"),
        ("SWITCHBOARD_CONFIG", "path of a KEY=VALUE file with any of these settings"),
    ]

    /// Creates a config from already-validated values.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        databasePath: String = "switchboard.sqlite",
        publicURL: URL? = nil,
        logLevel: Logger.Level = .info,
        mediaDirectory: String? = nil
    ) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.publicURL = publicURL ?? URL(string: "http://\(host):\(port)")!
        self.logLevel = logLevel
        let databaseFolder = (databasePath as NSString).deletingLastPathComponent
        self.mediaDirectory = mediaDirectory ?? (databaseFolder.isEmpty ? "media" : databaseFolder + "/media")
    }

    public var description: String {
        "host=\(host) port=\(port) database=\(databasePath) public_url=\(publicURL.absoluteString) log_level=\(logLevel) media=\(mediaDirectory)"
    }
}

/// Every problem found in the settings, reported together so an admin fixes them in one go.
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    /// One line per bad or unknown setting.
    public let problems: [String]

    /// Creates an error from its problems.
    public init(problems: [String]) {
        self.problems = problems
    }

    public var description: String {
        "invalid configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
