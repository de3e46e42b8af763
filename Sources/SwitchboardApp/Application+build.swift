import Accounts
public import CurlHTTP
public import Foundation
public import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
public import Logging
public import MediaFiles
import NIOCore
import PostgresStore
public import Secrets
import ServiceLifecycle
public import SwitchboardCore
public import SwitchboardEngine
public import SwitchboardWeb

/// The request context every route uses.
public typealias AppRequestContext = InboxRequestContext

/// The running parts of Switchboard, built once from the config.
public struct Switchboard: Sendable {
    /// The store the configuration names.
    public let store: any AppStore
    public let bus: InProcessEventBus
    public let router: InboundRouter
    public let replies: ReplyService
    public let inbox: InboxService
    public let dispatcher: OutboxDispatcher
    /// Carries operators' edits and deletions of sent replies to the messengers.
    public let revisionDispatcher: RevisionDispatcher
    /// Stores operators' edits and deletions of sent replies.
    public let revisions: RevisionService
    /// Automatic messages and their timers.
    public let automation: AutomationService
    public let adapters: ChannelAdapters
    public let webhooks: WebhookEndpoints
    /// Seals and opens bot tokens.
    public let secrets: SecretBox
    /// Files clients sent.
    public let media: DiskMediaStore
    /// The HTTP client of every messenger API call (global proxy applied).
    public let transport: CurlTransport
    /// Fetches the files clients sent, after their messages are stored.
    public let mediaDownloads: MediaDownloader
    /// Starts the Telegram channels at `serve`.
    public let telegram: ChannelBridge
    /// Starts the Viber channels at `serve`.
    public let viber: ChannelBridge
    /// What `/metrics` reports.
    public let metrics: ServerMetrics
    /// Each channel's latest client message and failure, for the admin's live view.
    public let activity = ChannelActivity()
    /// Presence, queues and assignment.
    public let routing: RoutingService

    /// The time every use case reads.
    public let clock: any WallClock
    /// Identity linking, merges and the bot's own messages.
    public let continuity: ContinuityService
    /// Signed, expiring public links to operators' uploads (Viber fetches media by URL); nil when
    /// `SWITCHBOARD_PUBLIC_URL` is not set.
    public let fileLinks: OutgoingFileLinks?
    /// Sends outgoing webhooks from their queue.
    public let webhookDispatcher: WebhookDispatcher
    /// Registers, changes and resends outgoing webhooks.
    public let webhookAdmin: WebhookAdmin
    /// Topic mode: the staff groups of the running Telegram channels.
    public let staffGroups: StaffGroups
    /// Topic mode: mirrors conversations into their staff-group topics.
    public let topics: TopicDispatcher
    /// Topic mode: what operators' messages in the staff group do.
    public let staffRouter: StaffGroupRouter

    /// Opens the database, loads (or creates) the secret key and wires the engine and the channels.
    /// - Throws: when the configuration names a database this build cannot open, the database cannot be
    ///   opened or migrated, or the secret key cannot be loaded.
    public init(config: AppConfig, logger: Logger, clock: any WallClock = SystemWallClock()) throws {
        let store = try openStore(config)
        self.store = store
        self.clock = clock
        secrets = try SecretKeyFile.load(base64Key: config.secretKey, path: config.secretKeyFile)
        fileLinks = Self.fileLinks(config: config, secrets: secrets, clock: clock)
        bus = InProcessEventBus(log: store)
        metrics = ServerMetrics()
        adapters = ChannelAdapters()
        webhooks = WebhookEndpoints()
        media = DiskMediaStore(root: URL(fileURLWithPath: config.mediaDirectory), maxBytes: config.mediaMaxBytes)
        transport = CurlTransport(configuration: .init(proxy: config.proxy, maxConcurrentRequests: 8))
        mediaDownloads = MediaDownloader(store: store, bus: bus, clock: clock, logger: logger)
        dispatcher = OutboxDispatcher(store: store, adapters: adapters, bus: bus, clock: clock, logger: logger)
        continuity = ContinuityService(
            store: store,
            bus: bus,
            clock: clock,
            dispatcher: dispatcher,
            autoLinkByPhone: config.autoLinkByPhone,
            logger: logger
        )
        router = InboundRouter(store: store, bus: bus, logger: logger, followUp: continuity)
        replies = ReplyService(store: store, bus: bus, clock: clock, dispatcher: dispatcher)
        revisionDispatcher = RevisionDispatcher(store: store, adapters: adapters, bus: bus, clock: clock, logger: logger)
        revisions = RevisionService(store: store, bus: bus, clock: clock, dispatcher: revisionDispatcher)
        automation = AutomationService(store: store, bus: bus, clock: clock, logger: logger, dispatcher: dispatcher)
        inbox = InboxService(store: store, bus: bus, clock: clock, replies: replies, adapters: adapters)
        var routingConfiguration = RoutingService.Configuration()
        routingConfiguration.presenceTimeout = config.presenceTimeout
        routing = RoutingService(store: store, bus: bus, clock: clock, configuration: routingConfiguration, logger: logger)
        webhookDispatcher = WebhookDispatcher(
            store: store,
            bus: bus,
            poster: CurlWebhookPoster(transport: transport, secrets: secrets, urlCheck: WebhookURLCheck(allowPrivate: config.webhooksAllowPrivate)),
            clock: clock,
            logger: logger
        )
        webhookAdmin = WebhookAdmin(
            store: store,
            secrets: secrets,
            allowPrivate: config.webhooksAllowPrivate,
            clock: clock
        ) { [webhookDispatcher] in webhookDispatcher.wake() }
        staffGroups = StaffGroups(store: store)
        topics = TopicDispatcher(store: store, bus: bus, groups: staffGroups, clock: clock, logger: logger)
        staffRouter = StaffGroupRouter(
            store: store,
            bus: bus,
            clock: clock,
            logger: logger,
            wakeOutbox: { [dispatcher] in dispatcher.wake() },
            wakeTopics: { [topics] in topics.wake() }
        )
        let wiring = ChannelWiring(
            store: store,
            secrets: secrets,
            sink: router,
            adapters: adapters,
            staffGroups: staffGroups,
            staffSink: staffRouter,
            webhooks: webhooks,
            transport: transport,
            downloads: mediaDownloads,
            // Files are fetched on connections of their own, so a slow download never holds up a send.
            downloadTransport: CurlTransport(
                configuration: .init(proxy: config.proxy, maxConcurrentRequests: MediaDownloader.Configuration().workers)
            ),
            config: config,
            fileLinks: fileLinks,
            logger: logger
        )
        telegram = ChannelBridge(starter: TelegramChannelStarter(media: media), wiring: wiring)
        viber = ChannelBridge(starter: ViberChannelStarter(media: media), wiring: wiring)
    }
}

/// Builds the HTTP application with every route and background service; tests call this too.
/// - Parameters:
///   - passwordCost: bcrypt cost; tests lower it.
///   - extraRoutes: routes only some modes have (the demo's control routes).
/// - Throws: when the database cannot be opened or migrated.
public func buildApplication(
    config: AppConfig,
    logger: Logger? = nil,
    passwordCost: UInt8 = 12,
    extraRoutes: [RouteCollection<AppRequestContext>] = []
) throws -> (some ApplicationProtocol, Switchboard) {
    var logger = logger ?? Logger(label: "switchboard")
    logger.logLevel = config.logLevel
    let switchboard = try Switchboard(config: config, logger: logger)
    let router = try buildRouter(switchboard: switchboard, config: config, passwordCost: passwordCost, extraRoutes: extraRoutes)
    let metricsListener: [any Service] =
        config.metricsAddress.map {
            [buildMetricsApplication(switchboard: switchboard, address: $0, logger: logger)]
        } ?? []
    let app = Application(
        router: router,
        server: httpServer(webSocketRouter: router, config: config),
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "Switchboard"),
        services: [
            switchboard.dispatcher, switchboard.revisionDispatcher, switchboard.routing, switchboard.automation,
            oneInstanceAtATime(switchboard.automation.scheduler, role: .scheduler, switchboard: switchboard),
            switchboard.telegram, switchboard.viber,
            oneInstanceAtATime(switchboard.webhookDispatcher, role: .webhookSender, switchboard: switchboard),
            switchboard.mediaDownloads, switchboard.topics,
            ReceiptPruner(store: switchboard.store, clock: switchboard.clock, logger: logger),
            UploadSweeper(files: switchboard.media, references: switchboard.store, clock: switchboard.clock, logger: logger),
            MetricsObserver(
                store: switchboard.store,
                bus: switchboard.bus,
                metrics: switchboard.metrics,
                activity: switchboard.activity,
                logger: logger
            ),
        ] + metricsListener + crossInstanceServices(switchboard: switchboard, logger: logger),
        logger: logger
    )
    return (app, switchboard)
}

/// HTTP/1 with the stream's WebSocket upgrade; every connection, even one that never sends a byte,
/// is closed after `SWITCHBOARD_IDLE_TIMEOUT` of silence.
func httpServer(webSocketRouter: Hummingbird.Router<AppRequestContext>, config: AppConfig) -> HTTPServerBuilder {
    let webSocketResponder = webSocketRouter.buildResponder()
    let idleTimeout = Int64(config.idleTimeout * 1000)
    let configuration = HTTP1WebSocketUpgradeChannel.Configuration(
        http1: .init(idleTimeout: .milliseconds(idleTimeout)),
        ws: .init(autoPing: .enabled(timePeriod: .seconds(config.webSocketPingPeriod)))
    )
    return HTTPServerBuilder { responder in
        FirstRequestDeadlineChannel(
            base: HTTP1WebSocketUpgradeChannel(
                responder: responder,
                webSocketResponder: webSocketResponder,
                configuration: configuration
            ),
            deadline: .milliseconds(idleTimeout)
        )
    }
}

/// Every route of the HTTP surface with its middleware; the OpenAPI test lists them from here.
/// - Throws: when the OpenAPI fragments do not merge.
public func buildRouter(
    switchboard: Switchboard,
    config: AppConfig,
    passwordCost: UInt8 = 12,
    extraRoutes: [RouteCollection<AppRequestContext>] = []
) throws -> Hummingbird.Router<AppRequestContext> {
    let dependencies = InboxDependencies(
        store: switchboard.store,
        admin: switchboard.store,
        inbox: switchboard.inbox,
        revisions: switchboard.revisions,
        bus: switchboard.bus,
        hasher: PasswordHasher(cost: passwordCost),
        throttle: LoginThrottle(attempts: switchboard.store),
        mediaDirectory: URL(fileURLWithPath: config.mediaDirectory, isDirectory: true),
        media: switchboard.media,
        secureCookies: config.publicURL.scheme?.lowercased() == "https",
        metrics: switchboard.metrics,
        fileLinks: switchboard.fileLinks
    )
    let router = Hummingbird.Router(context: AppRequestContext.self)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: JSONErrorMiddleware())
    router.add(middleware: JSONBodyMiddleware())
    router.add(middleware: SessionMiddleware(store: switchboard.store))
    router.add(middleware: APIKeyMiddleware(store: switchboard.store, limiter: APIKeyRateLimiter(), clock: switchboard.clock))
    router.add(middleware: PresenceMiddleware(routing: switchboard.routing))
    router.addRoutes(HealthController(store: switchboard.store).routes)
    router.addRoutes(WebhookController(registry: switchboard.webhooks, metrics: switchboard.metrics).routes)
    // With a metrics listener of its own, the main one answers /metrics 404 like any unknown path.
    if config.metricsAddress == nil { router.addRoutes(metricsRoutes(switchboard)) }
    router.addRoutes(InboxAssetsController().routes)
    router.addRoutes(SessionController(dependencies: dependencies, publicURL: config.publicURL).routes)
    router.addRoutes(ConversationController(dependencies: dependencies).routes)
    router.addRoutes(MessageRevisionController(dependencies: dependencies).routes)
    router.addRoutes(ContactController(dependencies: dependencies).routes)
    router.addRoutes(CannedReplyController(dependencies: dependencies).routes)
    router.addRoutes(SearchController(dependencies: dependencies).routes)
    router.addRoutes(ExportController(store: switchboard.store, clock: switchboard.clock).routes)
    router.addRoutes(AutomationController(store: switchboard.store).routes)
    router.addRoutes(OperatorController(dependencies: dependencies).routes)
    router.addRoutes(MediaController(dependencies: dependencies).routes)
    router.addRoutes(PresenceController(routing: switchboard.routing).routes)
    router.addRoutes(TelegramLinkController(store: switchboard.store, clock: switchboard.clock).routes)
    router.addRoutes(RoutingSettingsController(routing: switchboard.routing, audit: switchboard.store).routes)
    router.addRoutes(TransferController(dependencies: dependencies, routing: switchboard.routing).routes)
    router.addRoutes(ReportsController(store: switchboard.store, clock: switchboard.clock).routes)
    router.addRoutes(AvatarController(mediaDirectory: dependencies.mediaDirectory).routes)
    if let links = switchboard.fileLinks {
        router.addRoutes(PublicFileController(links: links, mediaDirectory: dependencies.mediaDirectory).routes)
    }
    let contexts = ContextSettings(deepLinks: ChannelDeepLinks(store: switchboard.store), timeToLive: config.contextTTL, clock: switchboard.clock)
    router.addRoutes(ContextController(dependencies: dependencies, settings: contexts).routes)
    router.addRoutes(APIKeyController(dependencies: dependencies, clock: switchboard.clock).routes)
    router.addRoutes(IdentityController(dependencies: dependencies, continuity: switchboard.continuity).routes)
    StreamController(dependencies: dependencies, publicURL: config.publicURL).register(on: router)
    router.addRoutes(ChannelAdminController(switchboard: switchboard, config: config).routes)
    router.addRoutes(OperatorAdminController(dependencies: dependencies, routing: switchboard.routing, publicURL: config.publicURL).routes)
    router.addRoutes(AuditController(store: switchboard.store).routes)
    router.addRoutes(WebhookAdminController(admin: switchboard.webhookAdmin, store: switchboard.store).routes)
    for routes in extraRoutes { router.addRoutes(routes) }
    router.addRoutes(OpenAPIController(document: try OpenAPIDocument.bundled()).routes)
    return router
}
