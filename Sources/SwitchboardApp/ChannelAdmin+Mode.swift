import Secrets
public import SwitchboardCore
import TelegramChannel

extension ChannelAdmin {
    /// Switches a Telegram channel between polling and webhook: calls setWebhook (with a new random
    /// secret) or deleteWebhook first, and stores the new mode only once Telegram accepted it.
    /// A running server picks the new mode up at its next start.
    /// - Throws: `ChannelAdminError` for an unknown channel or when Telegram refuses.
    public func setMode(channelName: String, to mode: ChannelMode) async throws -> Channel {
        var before: AuditedFields?
        if let existing = try await store.channels().first(where: { $0.name == channelName }) { before = try await auditedFields(existing.id) }
        let channel = try await switchMode(channelName: channelName, to: mode)
        try await recordChange("updated", channel.id, before: before)
        return channel
    }

    /// `setMode` without an audit entry, for operations that record their own (a token rotation, a manifest).
    func switchMode(channelName: String, to mode: ChannelMode) async throws -> Channel {
        guard var channel = try await store.channels().first(where: { $0.name == channelName && $0.kind == .telegram }),
            let credentials = try await store.channelCredentials(channel.id)
        else {
            throw ChannelAdminError("no telegram channel named '\(channelName)'")
        }
        let settings = TelegramChannelSettings(json: credentials.settingsJSON)
        let api = TelegramBotAPI(token: try secrets.open(credentials.tokenCiphertext), endpoint: settings.endpoint, transport: transport)
        let secret = mode == .webhook ? TelegramWebhookSetup.newSecret() : nil
        let url = TelegramWebhookSetup.webhookURL(publicURL: publicURL, channelName: channelName)
        do {
            try await TelegramWebhookSetup.activate(mode, api: api, webhookURL: url, secret: secret)
        } catch {
            throw ChannelAdminError("could not switch the bot to \(mode.rawValue) mode: \(error)")
        }
        try await store.updateChannelMode(channel.id, mode: mode, webhookSecretCiphertext: try secret.map(secrets.seal))
        channel.mode = mode
        return channel
    }
}
