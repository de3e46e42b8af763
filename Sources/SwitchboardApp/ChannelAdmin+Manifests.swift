import CurlHTTP
import Foundation
public import Manifests
import Secrets
public import SwitchboardCore
import TelegramChannel
import ViberChannel

extension ChannelAdmin {
    /// Makes the stored channels match the manifests: creates the missing ones and updates the
    /// described fields of the others through the same checks as the CLI. Channels without a manifest
    /// are kept: a manifest never deletes.
    /// - Returns: one line per channel saying what changed.
    /// - Throws: `ChannelAdminError` naming the manifest file; channels handled before it stay applied.
    public func apply(_ manifests: [ChannelManifest]) async throws -> [String] {
        var report: [String] = []
        let departments = try await departmentStore.departments().map(\.department)
        for manifest in manifests {
            do {
                report.append(try await acting(as: .manifest(manifest.file)).apply(manifest, departments: departments))
            } catch let error as ChannelAdminError {
                throw ChannelAdminError("\(manifest.file): \(error.description)")
            }
        }
        let described = Set(manifests.map(\.name))
        for channel in try await store.channels() where !described.contains(channel.name) {
            report.append("kept \(channel.kind.rawValue) channel \(channel.name): no manifest describes it (manifests never delete)")
        }
        return report
    }

    private func apply(_ manifest: ChannelManifest, departments: [Department]) async throws -> String {
        var departmentID: DepartmentID?
        if let name = manifest.department {
            guard let department = departments.first(where: { $0.name == name }) else {
                throw ChannelAdminError("department: no department named '\(name)' (create it first)")
            }
            departmentID = department.id
        }
        guard let existing = try await store.channels().first(where: { $0.name == manifest.name }) else {
            let channel = try await create(manifest)
            if let departmentID {
                let before = try await auditedFields(channel.id)
                try await store.updateChannel(channel.id, ChannelChange(defaultDepartmentID: .some(departmentID)))
                try await recordChange("updated", channel.id, before: before)
            }
            let automation = try await applyAutomation(manifest.automation, to: channel.id)
            let created = "created \(manifest.kind.rawValue) channel \(manifest.name) (\(manifest.mode.rawValue))"
            return automation.isEmpty ? created : "\(created) with \(automation.joined(separator: ", "))"
        }
        guard existing.kind == manifest.kind else {
            throw ChannelAdminError("kind: '\(manifest.name)' is a \(existing.kind.rawValue) channel; a manifest cannot change its kind")
        }
        return try await update(existing, to: manifest, departmentID: departmentID)
    }

    private func create(_ manifest: ChannelManifest) async throws -> Channel {
        switch manifest.kind {
        case .telegram:
            var channel = try await addTelegram(
                TelegramRequest(
                    name: manifest.name,
                    token: manifest.token,
                    mode: manifest.mode,
                    apiURL: manifest.apiURL,
                    proxy: manifest.proxy,
                    personaName: manifest.personaName
                )
            )
            if let avatar = manifest.personaAvatar {
                let before = try await auditedFields(channel.id)
                channel.persona.avatarURL = avatar
                try await store.updateChannel(channel.id, ChannelChange(persona: channel.persona))
                try await recordChange("updated", channel.id, before: before)
            }
            return channel
        case .viber:
            return try await addViber(
                ViberRequest(
                    name: manifest.name,
                    token: manifest.token,
                    apiURL: manifest.apiURL,
                    personaName: manifest.personaName,
                    personaAvatar: manifest.personaAvatar,
                    welcomeText: manifest.welcome
                )
            )
        }
    }

    private func update(_ channel: Channel, to manifest: ChannelManifest, departmentID: DepartmentID?) async throws -> String {
        guard let credentials = try await store.channelCredentials(channel.id) else {
            throw ChannelAdminError("token: the stored channel has no token to compare with")
        }
        let before = try await auditedFields(channel.id)
        var change = ChannelChange()
        var changed: [String] = []
        var persona = channel.persona
        if let name = manifest.personaName, name != persona.name { persona.name = name }
        if let avatar = manifest.personaAvatar, avatar != persona.avatarURL { persona.avatarURL = avatar }
        if persona != channel.persona {
            change.persona = persona
            changed.append("persona")
        }
        if manifest.department != nil, departmentID != channel.defaultDepartmentID {
            change.defaultDepartmentID = .some(departmentID)
            changed.append("department")
        }
        let storedToken = try? secrets.open(credentials.tokenCiphertext)
        let tokenChanged = storedToken != manifest.token
        let settingsJSON = Self.settingsJSON(for: manifest, current: credentials.settingsJSON, kind: channel.kind)
        if settingsJSON != credentials.settingsJSON {
            change.settingsJSON = settingsJSON
            changed.append("settings")
        }
        if tokenChanged {
            if let refusal = BotTokenIdentity.rotationRefusal(kind: channel.kind, current: storedToken, new: manifest.token) {
                throw ChannelAdminError("\(manifest.file): token: \(refusal)")
            }
            try await check(token: manifest.token, kind: channel.kind, settingsJSON: settingsJSON)
            change.tokenCiphertext = try secrets.seal(manifest.token)
            changed.append("token (\(SecretMask.mask(manifest.token)))")
        }
        if !change.isEmpty { try await store.updateChannel(channel.id, change) }
        // The mode goes through Telegram last, with the token and settings just stored.
        if channel.kind == .telegram, manifest.mode != channel.mode || (tokenChanged && manifest.mode == .webhook) {
            _ = try await switchMode(channelName: channel.name, to: manifest.mode)
            changed.append("mode \(channel.mode.rawValue) → \(manifest.mode.rawValue)")
        }
        if !changed.isEmpty { try await recordChange("updated", channel.id, before: before, secrets: tokenChanged ? ["token"] : []) }
        changed += try await applyAutomation(manifest.automation, to: channel.id)
        guard !changed.isEmpty else { return "unchanged \(channel.kind.rawValue) channel \(channel.name)" }
        return "updated \(channel.kind.rawValue) channel \(channel.name): \(changed.joined(separator: ", "))"
    }

    /// The channel's settings with the manifest's fields; keys the manifest does not know are kept.
    static func settingsJSON(for manifest: ChannelManifest, current: String, kind: ChannelKind) -> String {
        switch kind {
        case .telegram:
            var settings = TelegramChannelSettings(json: current)
            settings.apiURL = manifest.apiURL
            settings.proxy = manifest.proxy
            return settings.json
        case .viber:
            var settings = ViberChannelSettings(json: current)
            settings.apiURL = manifest.apiURL
            settings.welcomeText = manifest.welcome
            return settings.json
        }
    }

    /// Asks the messenger whether a new token works, as `channel add` does.
    func check(token: String, kind: ChannelKind, settingsJSON: String) async throws {
        switch kind {
        case .telegram:
            let api = TelegramBotAPI(token: token, endpoint: TelegramChannelSettings(json: settingsJSON).endpoint, transport: transport)
            do {
                _ = try await api.getMe()
            } catch let error as TelegramAPIError where error.code == 401 || error.code == 404 {
                throw ChannelAdminError("Telegram rejected the token (\(error.code ?? 401) Unauthorized): check the token from @BotFather")
            }
        case .viber:
            let api = ViberBotAPI(token: token, baseURL: ViberChannelSettings(json: settingsJSON).baseURL, transport: transport)
            do {
                _ = try await api.getAccountInfo()
            } catch let error as ViberAPIError where error.isTokenRejected {
                throw ChannelAdminError("Viber rejected the token (\(error)): copy it again from the bot's Viber admin panel")
            }
        }
    }
}
