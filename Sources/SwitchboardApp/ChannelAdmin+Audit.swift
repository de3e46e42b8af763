import Foundation
public import SwitchboardCore
import TelegramChannel
import ViberChannel

extension ChannelAdmin {
    /// What the audit log compares of a channel; the token is never part of it.
    struct AuditedFields: Encodable {
        let kind: ChannelKind
        let name: String
        let mode: ChannelMode
        let persona: Persona
        let defaultDepartmentID: DepartmentID?
        let paused: Bool
        /// Viber's answer to `conversation_started`.
        let welcome: String?
        /// Where the bot's API calls go (a proxy is left out: it may hold a password).
        let apiURL: String
        /// The Telegram staff group of topic mode, if connected.
        let staffGroupChatID: Int64?
    }

    /// The same admin acting as someone else (a manifest file while manifests are applied).
    public func acting(as actor: AuditActor) -> ChannelAdmin {
        var copy = self
        copy.actor = actor
        return copy
    }

    /// The audited fields of a stored channel, nil when there is no such channel.
    func auditedFields(_ channelID: ChannelID) async throws -> AuditedFields? {
        guard let channel = try await store.channels().first(where: { $0.id == channelID }) else { return nil }
        let settingsJSON = try await store.channelCredentials(channelID)?.settingsJSON ?? "{}"
        let welcome = channel.kind == .viber ? ViberChannelSettings(json: settingsJSON).welcomeText : nil
        return AuditedFields(
            kind: channel.kind,
            name: channel.name,
            mode: channel.mode,
            persona: channel.persona,
            defaultDepartmentID: channel.defaultDepartmentID,
            paused: channel.isPaused,
            welcome: welcome,
            apiURL: Self.apiURL(of: channel, settingsJSON: settingsJSON),
            staffGroupChatID: channel.kind == .telegram ? TelegramChannelSettings(json: settingsJSON).staffGroupChatID : nil
        )
    }

    /// Records `channel.<verb>` with what changed between `before` and the channel as stored now;
    /// nothing when nothing changed, unless `always` (a token rotation changes no visible field).
    /// - Parameter secrets: fields changed whose values stay out of the log (`token`).
    func recordChange(
        _ verb: String,
        _ channelID: ChannelID,
        before: AuditedFields?,
        secrets: [String] = [],
        always: Bool = false
    ) async throws {
        let after = try await auditedFields(channelID)
        var changes = AuditChanges.between(before, after)
        for secret in secrets { changes[secret] = .secret }
        guard always || !changes.isEmpty else { return }
        let name = after?.name ?? before?.name ?? "?"
        try await auditLog.recordAudit(
            AuditEntry(at: Date(), actor: actor, action: "channel.\(verb)", target: "channel \(channelID) (\(name))", changes: changes)
        )
    }
}
