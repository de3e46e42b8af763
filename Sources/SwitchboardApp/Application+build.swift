public import CurlHTTP
import Foundation
public import Hummingbird
public import Logging
public import MediaFiles
public import SQLiteStore
public import Secrets
public import SwitchboardCore
public import SwitchboardEngine
import SwitchboardWeb

/// The request context every route uses.
public typealias AppRequestContext = BasicRequestContext

/// The running parts of Switchboard, built once from the config.
public struct Switchboard: Sendable {
    public let store: SQLiteStore
    public let bus: InProcessEventBus
    public let router: SwitchboardEngine.Router
    public let replies: ReplyService
    public let dispatcher: OutboxDispatcher
    public let adapters: ChannelAdapters
    public let webhooks: WebhookEndpoints
    /// Seals and opens bot tokens.
    public let secrets: SecretBox
    /// Files clients sent.
    public let media: DiskMediaStore
    /// The HTTP client of every messenger API call (global proxy applied).
    public let transport: CurlTransport
    /// Starts the Telegram channels at `serve`.
    public let telegram: TelegramBridge

    /// Opens the database, loads (or creates) the secret key and wires the engine and the channels.
    /// - Throws: when the database cannot be opened or migrated, or the secret key cannot be loaded.
    public init(config: AppConfig, logger: Logger, clock: any WallClock = SystemWallClock()) throws {
        store = try SQLiteStore(path: config.databasePath)
        secrets = try SecretKeyFile.load(base64Key: config.secretKey, path: config.secretKeyFile)
        bus = InProcessEventBus(log: store)
        adapters = ChannelAdapters()
        webhooks = WebhookEndpoints()
        media = DiskMediaStore(root: URL(fileURLWithPath: config.mediaDirectory), maxBytes: config.mediaMaxBytes)
        transport = CurlTransport(configuration: .init(proxy: config.proxy, maxConcurrentRequests: 8))
        router = SwitchboardEngine.Router(store: store, bus: bus, logger: logger)
        dispatcher = OutboxDispatcher(store: store, adapters: adapters, bus: bus, clock: clock, logger: logger)
        replies = ReplyService(store: store, bus: bus, clock: clock, dispatcher: dispatcher)
        telegram = TelegramBridge(
            store: store,
            secrets: secrets,
            sink: router,
            adapters: adapters,
            webhooks: webhooks,
            media: media,
            transport: transport,
            config: config,
            logger: logger
        )
    }
}

/// Builds the HTTP application with every route and background service; tests call this too.
/// - Throws: when the database cannot be opened or migrated.
public func buildApplication(config: AppConfig, logger: Logger? = nil) throws -> (some ApplicationProtocol, Switchboard) {
    var logger = logger ?? Logger(label: "switchboard")
    logger.logLevel = config.logLevel
    let switchboard = try Switchboard(config: config, logger: logger)
    let router = Hummingbird.Router(context: AppRequestContext.self)
    router.add(middleware: JSONErrorMiddleware())
    router.addRoutes(HealthController(store: switchboard.store).routes)
    router.addRoutes(WebhookController(registry: switchboard.webhooks).routes)
    let app = Application(
        router: router,
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "Switchboard"),
        services: [switchboard.dispatcher, switchboard.telegram],
        logger: logger
    )
    return (app, switchboard)
}
