import CurlHTTP
import Foundation
import Logging
import Secrets
public import ServiceLifecycle
public import SwitchboardCore
import ViberChannel

/// Starts every Viber channel at `serve`: registers its adapter and webhook endpoint, then calls
/// set_webhook until Viber's verification callback reaches the (by then listening) server.
///
/// A token Viber rejects marks the channel broken with the reason, which `channel list` shows.
public struct ViberBridge: Service {
    let store: any Store
    let secrets: SecretBox
    let sink: any InboundSink
    let adapters: ChannelAdapters
    let webhooks: WebhookEndpoints
    let transport: any HTTPTransport
    let config: AppConfig
    let logger: Logger
    let tasks = ChannelTasks()
    /// First pause between set_webhook tries; doubles up to a minute.
    var retryDelay: Duration = .milliseconds(200)

    /// Creates the bridge; nothing starts before `run`.
    init(
        store: any Store,
        secrets: SecretBox,
        sink: any InboundSink,
        adapters: ChannelAdapters,
        webhooks: WebhookEndpoints,
        transport: any HTTPTransport,
        config: AppConfig,
        logger: Logger
    ) {
        self.store = store
        self.secrets = secrets
        self.sink = sink
        self.adapters = adapters
        self.webhooks = webhooks
        self.transport = transport
        self.config = config
        self.logger = logger
    }

    /// Starts the channels, sets their webhooks, and lives until shutdown.
    public func run() async throws {
        for channel in try await store.channels() where channel.kind == .viber && !channel.isPaused {
            await launch(channel)
        }
        // A service that returns early ends the whole ServiceGroup, so the bridge lives until shutdown.
        try? await gracefulShutdown()
        await tasks.stopAll()
    }

    /// Applies a stored change to a running server: stops the channel, then starts it again as
    /// stored (set_webhook included) unless it is paused or gone.
    public func reload(_ previous: Channel) async {
        await tasks.stop(previous.id)
        await adapters.remove(previous.id)
        // By the name it had: a removed channel is gone from the store, and its endpoint must go too.
        await webhooks.remove(kind: .viber, channelName: previous.name)
        guard let channel = try? await store.channels().first(where: { $0.id == previous.id }), channel.kind == .viber, !channel.isPaused
        else { return }
        await launch(channel)
    }

    private func launch(_ channel: Channel) async {
        do {
            guard let api = try await start(channel) else { return }
            await tasks.replace(channel.id) { try? await setWebhook(channel, api: api) }
        } catch {
            logger.error("viber channel not started", metadata: ["channel": "\(channel.name)", "error": "\(error)"])
        }
    }

    /// Registers one channel's adapter and endpoint; returns its client, nil when it has no token.
    func start(_ channel: Channel) async throws -> ViberBotAPI? {
        guard let credentials = try await store.channelCredentials(channel.id) else {
            logger.warning("viber channel has no token", metadata: ["channel": "\(channel.name)"])
            return nil
        }
        if let problem = channel.problem {
            logger.warning("viber channel was marked broken; trying again", metadata: ["channel": "\(channel.name)", "problem": "\(problem)"])
        }
        let token = try secrets.open(credentials.tokenCiphertext)
        let settings = ViberChannelSettings(json: credentials.settingsJSON)
        let api = ViberBotAPI(token: token, baseURL: settings.baseURL, transport: transport)
        let adapter = ViberAdapter(api: api) { [self] reason in await self.markBroken(channel, reason) }
        await adapters.register(adapter, for: channel.id)
        let endpoint = ViberWebhookEndpoint(
            channelID: channel.id,
            token: token,
            welcome: Self.welcome(settings.welcomeText, persona: channel.persona),
            sink: sink,
            logger: logger
        )
        await webhooks.register(endpoint, kind: .viber, channelName: channel.name)
        return api
    }

    /// The welcome message: a send_message body without receiver, signed by the bot persona.
    static func welcome(_ text: String?, persona: Persona) -> ViberMessageBody? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        var body = ViberMessageBody(receiver: nil, type: "text", sender: .init(name: persona.name, avatar: persona.avatarURL))
        body.text = String(text.prefix(ViberAdapter.textLimit))
        return body
    }

    private func setWebhook(_ channel: Channel, api: ViberBotAPI) async throws {
        let url = ViberWebhookSetup.webhookURL(publicURL: config.publicURL, channelName: channel.name)
        var logger = logger
        logger[metadataKey: "channel"] = "\(channel.name)"
        if let rejected = try await ViberWebhookSetup.setWebhookRetrying(api: api, url: url, initialDelay: retryDelay, logger: logger) {
            await markBroken(channel, rejected.description)
        } else if channel.problem != nil {
            try? await store.setChannelProblem(channel.id, problem: nil)
        }
    }

    /// Records why the channel cannot work, visibly: an error log line and the stored problem.
    private func markBroken(_ channel: Channel, _ reason: String) async {
        logger.error("viber channel is broken", metadata: ["channel": "\(channel.name)", "reason": "\(reason)"])
        do {
            try await store.setChannelProblem(channel.id, problem: reason)
        } catch {
            logger.error("could not record the viber channel's problem", metadata: ["channel": "\(channel.name)", "error": "\(error)"])
        }
    }
}
