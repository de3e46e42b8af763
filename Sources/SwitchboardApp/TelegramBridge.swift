import CurlHTTP
import Foundation
import Logging
import Secrets
public import ServiceLifecycle
public import SwitchboardCore
import TelegramChannel

/// Starts every Telegram channel at `serve`: registers its adapter for the outbox, puts it in its
/// mode (setWebhook or deleteWebhook), registers its webhook endpoint, and runs a poller per
/// polling channel until graceful shutdown.
public struct TelegramBridge: Service {
    let store: any Store
    let secrets: SecretBox
    let sink: any InboundSink
    let adapters: ChannelAdapters
    let webhooks: WebhookEndpoints
    let media: any MediaStore
    let transport: any HTTPTransport
    let config: AppConfig
    let logger: Logger
    let tasks = ChannelTasks()
    /// Poller tuning, shortened by tests.
    var pollerConfiguration = TelegramPoller.Configuration()

    /// Creates the bridge; nothing starts before `run`.
    init(
        store: any Store,
        secrets: SecretBox,
        sink: any InboundSink,
        adapters: ChannelAdapters,
        webhooks: WebhookEndpoints,
        media: any MediaStore,
        transport: any HTTPTransport,
        config: AppConfig,
        logger: Logger
    ) {
        self.store = store
        self.secrets = secrets
        self.sink = sink
        self.adapters = adapters
        self.webhooks = webhooks
        self.media = media
        self.transport = transport
        self.config = config
        self.logger = logger
    }

    /// Starts the channels and runs their pollers until shutdown.
    public func run() async throws {
        for channel in try await store.channels() where channel.kind == .telegram && !channel.isPaused {
            await launch(channel)
        }
        // A service that returns early ends the whole ServiceGroup, so the bridge lives until shutdown.
        try? await gracefulShutdown()
        await tasks.stopAll()
    }

    /// Applies a stored change to a running server: stops the channel, then starts it again as
    /// stored unless it is paused or gone.
    public func reload(_ previous: Channel) async {
        await tasks.stop(previous.id)
        await adapters.remove(previous.id)
        // By the name it had: a removed channel is gone from the store, and its endpoint must go too.
        await webhooks.remove(kind: .telegram, channelName: previous.name)
        guard let channel = try? await store.channels().first(where: { $0.id == previous.id }), channel.kind == .telegram, !channel.isPaused
        else { return }
        await launch(channel)
    }

    private func launch(_ channel: Channel) async {
        do {
            let work: (@Sendable () async -> Void)?
            if let poller = try await start(channel) {
                work = { try? await poller.run() }
            } else {
                work = nil
            }
            await tasks.replace(channel.id, with: work)
        } catch {
            // One broken channel (say, a token sealed with another key) must not stop the others.
            logger.error("telegram channel not started", metadata: ["channel": "\(channel.name)", "error": "\(error)"])
        }
    }

    /// Wires one channel; returns its poller in poll mode.
    func start(_ channel: Channel) async throws -> TelegramPoller? {
        guard let credentials = try await store.channelCredentials(channel.id) else {
            logger.warning("telegram channel has no token", metadata: ["channel": "\(channel.name)"])
            return nil
        }
        let token = try secrets.open(credentials.tokenCiphertext)
        let settings = TelegramChannelSettings(json: credentials.settingsJSON)
        let api = TelegramBotAPI(token: token, endpoint: settings.endpoint, transport: transport)
        let options = TelegramAdapter.Options(signReplies: settings.signReplies ?? true)
        await adapters.register(TelegramAdapter(api: api, media: media, options: options), for: channel.id)
        let processor = TelegramUpdateProcessor(channelID: channel.id, api: api, sink: sink, media: media, logger: logger)
        switch channel.mode {
        case .webhook:
            guard let sealed = credentials.webhookSecretCiphertext else {
                logger.error("telegram webhook channel has no secret; run `switchboard channel mode`", metadata: ["channel": "\(channel.name)"])
                return nil
            }
            let secret = try secrets.open(sealed)
            await webhooks.register(
                TelegramWebhookEndpoint(secret: secret, processor: processor, logger: logger),
                kind: .telegram,
                channelName: channel.name
            )
            let url = TelegramWebhookSetup.webhookURL(publicURL: config.publicURL, channelName: channel.name)
            await ensure(.webhook, api: api, channel: channel, url: url, secret: secret)
            return nil
        case .poll:
            await ensure(.poll, api: api, channel: channel, url: nil, secret: nil)
            // Its own single-worker transport: a long poll holds its worker for the whole poll timeout.
            let pollTransport = CurlTransport(configuration: .init(proxy: config.proxy, maxConcurrentRequests: 1))
            let pollAPI = TelegramBotAPI(token: token, endpoint: settings.endpoint, transport: pollTransport)
            return TelegramPoller(name: channel.name, api: pollAPI, processor: processor, configuration: pollerConfiguration, logger: logger)
        }
    }

    /// Re-applies the mode at start, so a changed public URL or a webhook set elsewhere is corrected.
    private func ensure(_ mode: ChannelMode, api: TelegramBotAPI, channel: Channel, url: String?, secret: String?) async {
        do {
            try await TelegramWebhookSetup.activate(mode, api: api, webhookURL: url, secret: secret)
        } catch {
            logger.warning(
                "could not put telegram channel into \(mode.rawValue) mode",
                metadata: ["channel": "\(channel.name)", "error": "\(error)"]
            )
        }
    }
}
