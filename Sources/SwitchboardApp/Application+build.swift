public import Hummingbird
public import Logging
public import SQLiteStore
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

    /// Opens the database and wires the engine.
    /// - Throws: when the database cannot be opened or migrated.
    public init(config: AppConfig, logger: Logger, clock: any WallClock = SystemWallClock()) throws {
        store = try SQLiteStore(path: config.databasePath)
        bus = InProcessEventBus(log: store)
        adapters = ChannelAdapters()
        router = SwitchboardEngine.Router(store: store, bus: bus, logger: logger)
        dispatcher = OutboxDispatcher(store: store, adapters: adapters, bus: bus, clock: clock, logger: logger)
        replies = ReplyService(store: store, bus: bus, clock: clock, dispatcher: dispatcher)
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
    let app = Application(
        router: router,
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "Switchboard"),
        services: [switchboard.dispatcher],
        logger: logger
    )
    return (app, switchboard)
}
