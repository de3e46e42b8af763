public import Foundation
import Secrets
public import SwitchboardCore
import TelegramChannel
import ViberChannel

extension ChannelAdmin {
    /// The admin's edit of a channel's face and welcome; a nil field is left as it is.
    public struct Edit: Sendable, Equatable {
        public var personaName: String?
        /// A public http(s) URL; an empty text removes the avatar.
        public var personaAvatar: String?
        /// Viber only; an empty text sends no welcome.
        public var welcome: String?
        /// The department's id; 0 clears it.
        public var departmentID: DepartmentID?

        /// Creates an edit.
        public init(personaName: String? = nil, personaAvatar: String? = nil, welcome: String? = nil, departmentID: DepartmentID? = nil) {
            self.personaName = personaName
            self.personaAvatar = personaAvatar
            self.welcome = welcome
            self.departmentID = departmentID
        }
    }

    /// One channel with its token masked.
    /// - Throws: `ChannelAdminError` for an unknown channel.
    public func summary(_ channelID: ChannelID) async throws -> Summary {
        guard let summary = try await list().first(where: { $0.channel.id == channelID }) else {
            throw ChannelAdminError("no channel with id \(channelID)")
        }
        return summary
    }

    /// Changes the persona, welcome or department.
    /// - Throws: `ChannelAdminError` for an unknown channel or a value that cannot work.
    public func edit(_ channelID: ChannelID, _ edit: Edit) async throws -> Summary {
        let current = try await summary(channelID).channel
        let before = try await auditedFields(channelID)
        var change = ChannelChange()
        var persona = current.persona
        if let name = edit.personaName {
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, trimmed.count <= 64 else { throw ChannelAdminError("the persona name needs 1 to 64 characters") }
            persona.name = trimmed
        }
        if let avatar = edit.personaAvatar {
            if avatar.isEmpty {
                persona.avatarURL = nil
            } else {
                guard avatar.hasPrefix("https://") || avatar.hasPrefix("http://") else {
                    throw ChannelAdminError("the persona avatar must be a public http(s) URL (see `switchboard avatar add`)")
                }
                persona.avatarURL = avatar
            }
        }
        if persona != current.persona { change.persona = persona }
        if let welcome = edit.welcome {
            guard current.kind == .viber else { throw ChannelAdminError("only Viber channels send a welcome on conversation_started") }
            guard let credentials = try await store.channelCredentials(channelID) else { throw ChannelAdminError("the channel has no settings") }
            var settings = ViberChannelSettings(json: credentials.settingsJSON)
            settings.welcomeText = welcome.isEmpty ? nil : String(welcome.prefix(ViberAdapter.textLimit))
            change.settingsJSON = settings.json
        }
        if let departmentID = edit.departmentID {
            if departmentID.rawValue == 0 {
                change.defaultDepartmentID = .some(nil)
            } else {
                guard try await departmentStore.departments().contains(where: { $0.department.id == departmentID }) else {
                    throw ChannelAdminError("no department with id \(departmentID)")
                }
                change.defaultDepartmentID = .some(departmentID)
            }
        }
        if !change.isEmpty {
            try await store.updateChannel(channelID, change)
            try await recordChange("updated", channelID, before: before)
        }
        return try await summary(channelID)
    }

    /// Pauses or resumes a channel: a paused channel neither receives nor sends; its queued replies
    /// wait and go out after it resumes.
    public func setPaused(_ channelID: ChannelID, _ paused: Bool) async throws -> Summary {
        _ = try await summary(channelID)
        let before = try await auditedFields(channelID)
        try await store.updateChannel(channelID, ChannelChange(isPaused: paused))
        try await recordChange(paused ? "paused" : "resumed", channelID, before: before)
        return try await summary(channelID)
    }

    /// Replaces the token after the messenger accepted it; a Telegram bot is put in its mode again
    /// with the new token (a new webhook secret in webhook mode). A token of another bot is refused:
    /// the channel's history and receipts belong to its bot.
    /// - Throws: `ChannelAdminError` with the messenger's reason; nothing changes then.
    public func rotateToken(_ channelID: ChannelID, to token: String) async throws -> Summary {
        let channel = try await summary(channelID).channel
        guard let credentials = try await store.channelCredentials(channelID) else { throw ChannelAdminError("the channel has no settings") }
        let trimmed = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 256 else { throw ChannelAdminError("the token is empty or too long") }
        let current = try? secrets.open(credentials.tokenCiphertext)
        if let refusal = BotTokenIdentity.rotationRefusal(kind: channel.kind, current: current, new: trimmed) { throw ChannelAdminError(refusal) }
        try await check(token: trimmed, kind: channel.kind, settingsJSON: credentials.settingsJSON)
        let before = try await auditedFields(channelID)
        try await store.updateChannel(channelID, ChannelChange(tokenCiphertext: try secrets.seal(trimmed)))
        if channel.kind == .telegram { _ = try await switchMode(channelName: channel.name, to: channel.mode) }
        try await recordChange("token_rotated", channelID, before: before, secrets: ["token"], always: true)
        return try await summary(channelID)
    }

    /// Removes a channel: the bot stops (a Telegram bot also leaves webhook mode, best effort), the
    /// token is wiped, the name is free again; conversations stay with their history; replies still
    /// queued for it fail with a reason the operator sees.
    public func remove(_ channelID: ChannelID, at now: Date = Date()) async throws -> (ChannelRemoval, [Event]) {
        let channel = try await summary(channelID).channel
        let before = try await auditedFields(channelID)
        if channel.kind == .telegram, channel.mode == .webhook, let credentials = try await store.channelCredentials(channelID),
            let token = try? secrets.open(credentials.tokenCiphertext)
        {
            let api = TelegramBotAPI(token: token, endpoint: TelegramChannelSettings(json: credentials.settingsJSON).endpoint, transport: transport)
            try? await TelegramWebhookSetup.activate(.poll, api: api, webhookURL: nil, secret: nil)
        }
        let removal = try await store.removeChannel(channelID, reason: "the channel \(channel.name) was removed", at: now)
        try await recordChange("removed", channelID, before: before, always: true)
        return removal
    }
}
