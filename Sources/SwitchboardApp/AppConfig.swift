public import Foundation
public import Logging
public import SwitchboardCore

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
    /// Externally reachable base URL (webhooks, avatars, files for Viber).
    public var publicURL: URL
    /// Whether `SWITCHBOARD_PUBLIC_URL` was given: only then are files published for Viber to fetch
    /// (the default `http://<host>:<port>` is rarely reachable from the internet).
    public var publicURLIsSet: Bool
    /// Seconds a published file's signed link stays valid.
    public var mediaLinkLifetime: TimeInterval
    public var logLevel: Logger.Level
    /// Folder for files clients send; default `media` beside the database.
    public var mediaDirectory: String
    /// Cap on the media folder's total size in bytes.
    public var mediaMaxBytes: Int64
    /// Base64 key that seals bot tokens; when nil the key lives in ``secretKeyFile``. Never printed.
    public var secretKey: String?
    /// Key file created with mode 0600 on first run when ``secretKey`` is not set.
    public var secretKeyFile: String
    /// Proxy for every messenger API call unless a channel has its own (`socks5h://…`, `http://…`).
    public var proxy: String?
    /// Seconds without a session before an online or away operator goes offline.
    public var presenceTimeout: TimeInterval
    /// When a client identity that sends too many messages is muted (`SWITCHBOARD_FLOOD_*`).
    public var floodLimits: FloodLimits
    /// Folder of `*.yaml` channel manifests that `serve` applies at start.
    public var channelsDirectory: String
    /// How long a deep-link context key can be used after it is created.
    public var contextTTL: TimeInterval
    /// Whether identities sharing a verified phone number are linked without asking an operator.
    public var autoLinkByPhone: Bool
    /// Whether outgoing webhooks may target private, loopback and link-local addresses (off: no SSRF door).
    public var webhooksAllowPrivate: Bool
    /// YAML file of the desk's outgoing webhook endpoints that `serve` applies at start; nil: none.
    public var webhooksManifest: String?
    /// When set, `/metrics` is served only on this listener and the main one answers it 404.
    public var metricsAddress: MetricsAddress?
    /// Seconds an idle HTTP connection stays open; WebSockets are pinged well within it.
    public var idleTimeout: TimeInterval
    /// How `serve` writes its log.
    public var logFormat: LogFormat
    /// The name every log line carries, telling the instances of a cluster apart.
    public var instance: String
    /// Connections one instance opens to a PostgreSQL database at most.
    public var databasePoolSize: Int
    /// How long PostgreSQL lets one of this instance's statements run before cancelling it.
    public var databaseStatementTimeout: TimeInterval

    /// Every key Switchboard reads, with its default; `SWITCHBOARD_CONFIG` names the optional file.
    public static let keys: [(key: String, help: String)] = [
        ("SWITCHBOARD_HOST", "address to bind, default 127.0.0.1"),
        ("SWITCHBOARD_PORT", "port to bind, default 8080"),
        ("SWITCHBOARD_DATABASE", "SQLite file, default ./switchboard.sqlite, or a postgres://user:password@host:port/database?sslmode=… URL"),
        ("SWITCHBOARD_LOG_FORMAT", "text or json (one JSON object per line), default text"),
        ("SWITCHBOARD_INSTANCE", "name every log line carries, default <host name>-<process id>"),
        ("SWITCHBOARD_DATABASE_POOL_SIZE", "PostgreSQL only: connections per instance (1-500), default 10"),
        ("SWITCHBOARD_DATABASE_STATEMENT_TIMEOUT", "PostgreSQL only: seconds a statement may run before it is cancelled (1-3600), default 30"),
        ("SWITCHBOARD_PUBLIC_URL", "externally reachable base URL, default http://<host>:<port>"),
        (
            "SWITCHBOARD_MEDIA_LINK_TTL",
            "seconds a file sent to a Viber client stays fetchable at its signed public link (60-604800), default 86400 (a day)"
        ),
        ("SWITCHBOARD_LOG_LEVEL", "trace, debug, info, notice, warning, error or critical; default info"),
        ("SWITCHBOARD_CONFIG", "path of a KEY=VALUE file with any of these settings"),
        ("SWITCHBOARD_MEDIA_DIR", "folder for files clients send, default ./media beside the database"),
        ("SWITCHBOARD_MEDIA_MAX_BYTES", "cap on the media folder's total size, default 5368709120 (5 GiB)"),
        ("SWITCHBOARD_SECRET_KEY", "base64 of 32 bytes that encrypts bot tokens; default: the key file"),
        ("SWITCHBOARD_SECRET_KEY_FILE", "key file created (mode 0600) on first run, default ./switchboard.key beside the database"),
        ("SWITCHBOARD_PROXY", "proxy for messenger API calls (socks5h://host:port or http://host:port), default none"),
        ("SWITCHBOARD_CHANNELS_DIR", "folder of channel manifests (*.yaml) applied at serve, default ./channels"),
        ("SWITCHBOARD_PRESENCE_TIMEOUT", "seconds without a session before an operator goes offline (60-86400), default 900"),
        ("SWITCHBOARD_CONTEXT_TTL", "seconds a deep-link context key stays usable, default 86400 (a day)"),
        ("SWITCHBOARD_AUTO_LINK_BY_PHONE", "true links identities that share a verified phone number at once; default false (offered to operators)"),
        ("SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE", "true lets outgoing webhooks target private, loopback and link-local addresses; default false"),
        ("SWITCHBOARD_WEBHOOKS_MANIFEST", "YAML file of outgoing webhook endpoints applied at serve (secrets as ${ENV_VAR}), default none"),
        (
            "SWITCHBOARD_METRICS_ADDRESS",
            "host:port of a listener serving only /metrics, which the main port then refuses; default none (/metrics on the main port)"
        ),
        (
            "SWITCHBOARD_IDLE_TIMEOUT",
            "seconds an HTTP connection may stay silent before it is closed (1-3600), default 75; WebSockets are pinged every half of it (at most 30)"
        ),
        ("SWITCHBOARD_FLOOD_MESSAGES", "messages one client identity may send in the flood window before it is muted (1-10000), default 20"),
        ("SWITCHBOARD_FLOOD_WINDOW", "seconds of the flood window (1-86400), default 60"),
        ("SWITCHBOARD_FLOOD_MUTE", "seconds a flooding identity stays muted: stored quietly, told once (1-86400), default 600"),
    ]

    /// Creates a config from already-validated values.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        databasePath: String = "switchboard.sqlite",
        publicURL: URL? = nil,
        logLevel: Logger.Level = .info,
        mediaDirectory: String? = nil,
        mediaMaxBytes: Int64 = 5 << 30,
        secretKey: String? = nil,
        secretKeyFile: String? = nil,
        proxy: String? = nil,
        presenceTimeout: TimeInterval = AppConfig.defaultPresenceTimeout,
        channelsDirectory: String = "channels",
        contextTTL: TimeInterval = 86_400,
        autoLinkByPhone: Bool = false,
        webhooksAllowPrivate: Bool = false,
        webhooksManifest: String? = nil,
        metricsAddress: MetricsAddress? = nil,
        idleTimeout: TimeInterval = AppConfig.defaultIdleTimeout,
        mediaLinkLifetime: TimeInterval = AppConfig.defaultMediaLinkLifetime,
        floodLimits: FloodLimits = .standard,
        logFormat: LogFormat = .text,
        instance: String? = nil,
        databasePoolSize: Int = AppConfig.defaultDatabasePoolSize,
        databaseStatementTimeout: TimeInterval = AppConfig.defaultDatabaseStatementTimeout
    ) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.publicURL = publicURL ?? URL(string: "http://\(host):\(port)")!
        self.publicURLIsSet = publicURL != nil
        self.mediaLinkLifetime = mediaLinkLifetime
        self.logLevel = logLevel
        let directory = Self.localFolder(of: databasePath)
        self.mediaDirectory = mediaDirectory ?? (directory.isEmpty ? "media" : directory + "/media")
        self.mediaMaxBytes = mediaMaxBytes
        self.secretKey = secretKey
        self.secretKeyFile = secretKeyFile ?? (directory.isEmpty ? "switchboard.key" : directory + "/switchboard.key")
        self.proxy = proxy
        self.presenceTimeout = presenceTimeout
        self.channelsDirectory = channelsDirectory
        self.contextTTL = contextTTL
        self.autoLinkByPhone = autoLinkByPhone
        self.webhooksAllowPrivate = webhooksAllowPrivate
        self.webhooksManifest = webhooksManifest
        self.metricsAddress = metricsAddress
        self.idleTimeout = idleTimeout
        self.floodLimits = floodLimits
        self.logFormat = logFormat
        self.instance = instance ?? Self.defaultInstanceName
        self.databasePoolSize = databasePoolSize
        self.databaseStatementTimeout = databaseStatementTimeout
    }

    public var description: String {
        // The key is never shown, and a proxy URL may carry a password: only its scheme and host are.
        let proxyShown = proxy.flatMap { URLComponents(string: $0) }.map { "\($0.scheme ?? "?")://\($0.host ?? "?")" } ?? "none"
        // A database URL may carry a password too: it is shown as `DatabaseLocation` describes it.
        let databaseShown = (try? DatabaseLocation(databasePath))?.displayName ?? "<unusable>"
        return "host=\(host) port=\(port) database=\(databaseShown) public_url=\(publicURL.absoluteString) log_level=\(logLevel) "
            + "media_dir=\(mediaDirectory) media_max_bytes=\(mediaMaxBytes) secret_key=\(secretKey == nil ? "file \(secretKeyFile)" : "<set>") "
            + "proxy=\(proxyShown) presence_timeout=\(Int(presenceTimeout)) channels_dir=\(channelsDirectory) context_ttl=\(Int(contextTTL)) auto_link_by_phone=\(autoLinkByPhone)"
            + " webhooks_allow_private=\(webhooksAllowPrivate) webhooks_manifest=\(webhooksManifest ?? "none") metrics_address=\(metricsAddress?.description ?? "main")"
            + " idle_timeout=\(Int(idleTimeout)) media_link_ttl=\(Int(mediaLinkLifetime)) flood=\(floodLimits.messages)/\(Int(floodLimits.window))s mute=\(Int(floodLimits.mute))s"
            + " log_format=\(logFormat.rawValue) instance=\(instance) database_pool_size=\(databasePoolSize) database_statement_timeout=\(Int(databaseStatementTimeout))"
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
