import CurlHTTP
import Foundation
import Logging
import PostgresStore
import Secrets
import SwitchboardCore
import TelegramChannel

/// Wires a Telegram channel: its adapter, then either a webhook endpoint (setWebhook) or, in poll
/// mode, deleteWebhook and a poller for the bridge to run.
struct TelegramChannelStarter: ChannelStarter {
    let media: any MediaStore
    /// Poller tuning, shortened by tests.
    var pollerConfiguration = TelegramPoller.Configuration()

    var kind: ChannelKind { .telegram }

    func start(_ channel: Channel, credentials: ChannelCredentials, wiring: ChannelWiring) async throws -> (@Sendable () async -> Void)? {
        let logger = wiring.logger
        let token = try wiring.secrets.open(credentials.tokenCiphertext)
        let settings = TelegramChannelSettings(json: credentials.settingsJSON)
        let api = TelegramBotAPI(token: token, endpoint: settings.endpoint, transport: wiring.transport)
        let options = TelegramAdapter.Options(signReplies: settings.signReplies ?? true)
        // Instances sharing a PostgreSQL database share the bot's send budget there.
        let limiter = TelegramRateLimiter(shared: (wiring.store as? PostgresStore).map { PostgresSendSlots(store: $0, channel: channel.id) })
        await wiring.adapters.register(TelegramAdapter(api: api, limiter: limiter, media: media, options: options), for: channel.id)
        var staff: (mapper: TelegramStaffUpdateMapper, sink: any StaffSink)?
        if let staffChat = settings.staffGroupChatID {
            await wiring.staffGroups.register(channel.id, chatID: staffChat, sender: TelegramStaffGroupSender(api: api, limiter: limiter))
            let mapper = TelegramStaffUpdateMapper(
                channelID: channel.id,
                chatID: staffChat,
                botID: BotTokenIdentity.telegramBotID(of: token),
                botUsername: settings.botUsername
            )
            staff = (mapper, wiring.staffSink)
        }
        let processor = TelegramUpdateProcessor(
            channelID: channel.id,
            api: api,
            sink: wiring.sink,
            media: media,
            downloads: wiring.downloads,
            mediaAPI: TelegramBotAPI(token: token, endpoint: settings.endpoint, transport: wiring.downloadTransport),
            botUsername: settings.botUsername,
            staff: staff,
            logger: logger
        )
        switch channel.mode {
        case .webhook:
            guard let sealed = credentials.webhookSecretCiphertext else {
                logger.error("telegram webhook channel has no secret; run `switchboard channel mode`", metadata: ["channel": "\(channel.name)"])
                return nil
            }
            let secret = try wiring.secrets.open(sealed)
            await wiring.webhooks.register(
                TelegramWebhookEndpoint(secret: secret, processor: processor, logger: logger),
                kind: .telegram,
                channelName: channel.name
            )
            let url = TelegramWebhookSetup.webhookURL(publicURL: wiring.config.publicURL, channelName: channel.name)
            await ensure(.webhook, api: api, channel: channel, url: url, secret: secret, logger: logger)
            await resumeDownloads(of: channel, processor: processor, wiring: wiring)
            return nil
        case .poll:
            await ensure(.poll, api: api, channel: channel, url: nil, secret: nil, logger: logger)
            // Its own single-worker transport: a long poll holds its worker for the whole poll timeout.
            let pollTransport = CurlTransport(configuration: .init(proxy: wiring.config.proxy, maxConcurrentRequests: 1))
            let pollAPI = TelegramBotAPI(token: token, endpoint: settings.endpoint, transport: pollTransport)
            let poller = TelegramPoller(name: channel.name, api: pollAPI, processor: processor, configuration: pollerConfiguration, logger: logger)
            await resumeDownloads(of: channel, processor: processor, wiring: wiring)
            let poll: @Sendable () async -> Void = { try? await poller.run() }
            // Instances sharing a PostgreSQL database poll a bot one at a time: Telegram allows one
            // getUpdates per bot, and the next holder resumes from the last offset the holder confirmed.
            guard let shared = wiring.store as? PostgresStore else { return poll }
            let lease = shared.lease(for: .poller(channel.id))
            return { await lease.run(poll) }
        }
    }

    /// Queues the files a restart left between their message's commit and their download.
    private func resumeDownloads(of channel: Channel, processor: TelegramUpdateProcessor, wiring: ChannelWiring) async {
        do {
            let since = Date().addingTimeInterval(-AttachmentDownload.resumeWindow)
            await processor.queue(try await wiring.store.pendingDownloads(channel: channel.id, since: since, limit: 1000))
        } catch {
            wiring.logger.warning("could not look for files left to download", metadata: ["channel": "\(channel.name)", "error": "\(error)"])
        }
    }

    /// Re-applies the mode at start, so a changed public URL or a webhook set elsewhere is corrected.
    private func ensure(_ mode: ChannelMode, api: TelegramBotAPI, channel: Channel, url: String?, secret: String?, logger: Logger) async {
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
