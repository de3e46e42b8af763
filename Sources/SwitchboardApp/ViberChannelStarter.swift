import Foundation
import Logging
import Secrets
import SwitchboardCore
import ViberChannel

/// Wires a Viber channel: its adapter and webhook endpoint, then gives the bridge a set_webhook
/// loop that retries until Viber's verification callback reaches the (by then listening) server.
///
/// A token Viber rejects marks the channel broken with the reason, which `channel list` shows.
struct ViberChannelStarter: ChannelStarter {
    /// Where the files clients send are copied.
    let media: any MediaStore
    /// First pause between set_webhook tries; doubles up to a minute.
    var retryDelay: Duration = .milliseconds(200)

    var kind: ChannelKind { .viber }

    func start(_ channel: Channel, credentials: ChannelCredentials, wiring: ChannelWiring) async throws -> (@Sendable () async -> Void)? {
        if let problem = channel.problem {
            wiring.logger.warning("viber channel was marked broken; trying again", metadata: ["channel": "\(channel.name)", "problem": "\(problem)"])
        }
        let token = try wiring.secrets.open(credentials.tokenCiphertext)
        let settings = ViberChannelSettings(json: credentials.settingsJSON)
        let api = ViberBotAPI(token: token, baseURL: settings.baseURL, transport: wiring.transport)
        let adapter = ViberAdapter(api: api, links: wiring.fileLinks) { reason in await Self.markBroken(channel, reason, wiring: wiring) }
        await wiring.adapters.register(adapter, for: channel.id)
        let endpoint = ViberWebhookEndpoint(
            channelID: channel.id,
            token: token,
            welcome: Self.welcome(settings.welcomeText, persona: channel.persona),
            sink: wiring.sink,
            files: (ViberMediaFetcher(transport: wiring.downloadTransport, media: media, channelID: channel.id), wiring.downloads),
            logger: wiring.logger
        )
        await wiring.webhooks.register(endpoint, kind: .viber, channelName: channel.name)
        await resumeDownloads(of: channel, endpoint: endpoint, wiring: wiring)
        return { [retryDelay] in try? await Self.setWebhook(channel, api: api, initialDelay: retryDelay, wiring: wiring) }
    }

    /// Queues the files a restart left between their message's commit and their download.
    private func resumeDownloads(of channel: Channel, endpoint: ViberWebhookEndpoint, wiring: ChannelWiring) async {
        do {
            let since = Date().addingTimeInterval(-AttachmentDownload.resumeWindow)
            await endpoint.queue(try await wiring.store.pendingDownloads(channel: channel.id, since: since, limit: 1000))
        } catch {
            wiring.logger.warning("could not look for files left to download", metadata: ["channel": "\(channel.name)", "error": "\(error)"])
        }
    }

    /// The welcome message: a send_message body without receiver, signed by the bot persona.
    static func welcome(_ text: String?, persona: Persona) -> ViberMessageBody? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        var body = ViberMessageBody(receiver: nil, type: "text", sender: .init(name: persona.name, avatar: persona.avatarURL))
        body.text = String(text.prefix(ViberAdapter.textLimit))
        return body
    }

    private static func setWebhook(_ channel: Channel, api: ViberBotAPI, initialDelay: Duration, wiring: ChannelWiring) async throws {
        let url = ViberWebhookSetup.webhookURL(publicURL: wiring.config.publicURL, channelName: channel.name)
        var logger = wiring.logger
        logger[metadataKey: "channel"] = "\(channel.name)"
        if let rejected = try await ViberWebhookSetup.setWebhookRetrying(api: api, url: url, initialDelay: initialDelay, logger: logger) {
            await markBroken(channel, rejected.description, wiring: wiring)
        } else if channel.problem != nil {
            try? await wiring.store.setChannelProblem(channel.id, problem: nil)
        }
    }

    /// Records why the channel cannot work, visibly: an error log line and the stored problem.
    private static func markBroken(_ channel: Channel, _ reason: String, wiring: ChannelWiring) async {
        wiring.logger.error("viber channel is broken", metadata: ["channel": "\(channel.name)", "reason": "\(reason)"])
        do {
            try await wiring.store.setChannelProblem(channel.id, problem: reason)
        } catch {
            wiring.logger.error("could not record the viber channel's problem", metadata: ["channel": "\(channel.name)", "error": "\(error)"])
        }
    }
}
