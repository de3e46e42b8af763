import Foundation
public import Hummingbird
import NIOCore
public import SwitchboardCore

/// `/api/v1/automation` (global) and `/api/v1/channels/:id/automation` (one channel): the automatic
/// messages' settings and texts. Admins only.
public struct AutomationController: Sendable {
    let store: any Store & AutomationStore & AdminStore

    /// Creates the controller.
    public init(store: any Store & AutomationStore & AdminStore) {
        self.store = store
    }

    /// What an admin sees for a scope: what the scope sets, what is in force, and every text.
    struct ScopeDTO: Encodable {
        let channelId: ChannelID?
        /// Only the settings this scope changes.
        let settings: AutomationSettingsPatch
        /// The settings in force (defaults, global, then the channel).
        let effective: AutomationSettings
        let texts: [TextDTO]
    }

    struct TextDTO: Encodable {
        let kind: AutomationText
        let language: AutomationLanguage
        let text: String
        /// Where the text comes from: `channel`, `global` or `default`.
        let source: String
    }

    struct TextEdit: Decodable {
        let text: String
    }

    /// The routes.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        let admins = routes.group(context: AdminRequestContext.self)
        for (path, scoped) in [("api/v1/automation", false), ("api/v1/channels/:id/automation", true)] {
            admins.get(RouterPath(path)) { _, context in
                let channel = try await scope(context, scoped)
                return try JSONResponse.make(try await view(channel))
            }
            admins.patch(RouterPath(path)) { request, context in
                let channel = try await scope(context, scoped)
                let patch = try await Self.decodePatch(request)
                if let problem = patch.problem { throw APIError(.badRequest, code: "invalid_settings", message: problem) }
                let stored = try await store.automationSettingsPatch(channel: channel) ?? AutomationSettingsPatch()
                let merged = stored.merging(patch)
                try await store.saveAutomationSettingsPatch(merged, channel: channel, at: Date())
                try await store.record(
                    "automation.updated",
                    target: Self.target(channel),
                    changes: AuditChanges.between(stored, merged),
                    actor: context.auditActor
                )
                return try JSONResponse.make(try await view(channel))
            }
            admins.put(RouterPath(path + "/texts/:kind/:language")) { request, context in
                let channel = try await scope(context, scoped)
                let (kind, language) = try Self.textKey(context)
                let edit = try await JSONResponse.decode(TextEdit.self, from: request, limit: 16 * 1024)
                let text = edit.text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !text.isEmpty, text.count <= AutomationText.maximumLength else {
                    throw APIError(
                        .badRequest,
                        code: "invalid_text",
                        message: "A text needs 1 to \(AutomationText.maximumLength) characters: every automatic message is one short message."
                    )
                }
                if let unknown = AutomationTemplate.unknownPlaceholders(in: text).first {
                    let known = AutomationText.placeholders.sorted().map { "{\($0)}" }.joined(separator: ", ")
                    throw APIError(.badRequest, code: "unknown_placeholder", message: "{\(unknown)} is not a placeholder; use \(known).")
                }
                let before = try await ownText(kind, language, channel)
                try await store.saveAutomationText(text, kind: kind, language: language, channel: channel)
                try await recordText(before: before, after: text, kind, language, channel, context)
                return try JSONResponse.make(try await view(channel))
            }
            admins.delete(RouterPath(path + "/texts/:kind/:language")) { _, context in
                let channel = try await scope(context, scoped)
                let (kind, language) = try Self.textKey(context)
                let before = try await ownText(kind, language, channel)
                try await store.saveAutomationText(nil, kind: kind, language: language, channel: channel)
                try await recordText(before: before, after: nil, kind, language, channel, context)
                return try JSONResponse.make(try await view(channel))
            }
        }
        return routes
    }

    /// The channel of a scoped route (nil for the global scope); the admin check is the context's.
    private func scope(_ context: AdminRequestContext, _ scoped: Bool) async throws -> ChannelID? {
        guard scoped else { return nil }
        guard let raw = context.parameters.get("id"), let id = Int64(raw), try await store.channels().contains(where: { $0.id.rawValue == id })
        else { throw APIError(.notFound, code: "not_found", message: "No such channel.") }
        return ChannelID(id)
    }

    /// The audit log's name for a scope: `automation (global)` or `automation (channel 3)`.
    private static func target(_ channel: ChannelID?) -> String {
        channel.map { "automation (channel \($0))" } ?? "automation (global)"
    }

    /// The scope's own text of a kind and language, nil when it has none.
    private func ownText(_ kind: AutomationText, _ language: AutomationLanguage, _ channel: ChannelID?) async throws -> String? {
        try await store.automationTextOverrides(channel: channel).first { $0.kind == kind && $0.language == language }?.text
    }

    /// Records `automation.text_changed` when the scope's text changed.
    private func recordText(
        before: String?,
        after: String?,
        _ kind: AutomationText,
        _ language: AutomationLanguage,
        _ channel: ChannelID?,
        _ context: AdminRequestContext
    ) async throws {
        guard before != after else { return }
        let change = AuditChange(from: before.map(JSONValue.string) ?? .null, to: after.map(JSONValue.string) ?? .null)
        let target = "\(Self.target(channel)) text \(kind.rawValue)/\(language.rawValue)"
        try await store.record("automation.text_changed", target: target, changes: ["text": change], actor: context.auditActor)
    }

    private static func textKey(_ context: AdminRequestContext) throws -> (AutomationText, AutomationLanguage) {
        guard let kind = context.parameters.get("kind").flatMap(AutomationText.init(rawValue:)) else {
            let kinds = AutomationText.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError(.notFound, code: "not_found", message: "No such automatic text; the texts are \(kinds).")
        }
        guard let language = context.parameters.get("language").flatMap(AutomationLanguage.init(rawValue:)) else {
            throw APIError(.notFound, code: "not_found", message: "Texts exist in ru, uk and en.")
        }
        return (kind, language)
    }

    /// Decodes a settings patch, refusing keys it does not know so a typo is not silently ignored.
    private static func decodePatch(_ request: Request) async throws -> AutomationSettingsPatch {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: 64 * 1024)
        } catch {
            throw APIError(.contentTooLarge, code: "too_large", message: "The request body is larger than 65536 bytes.")
        }
        let data = Data(buffer.readableBytesView)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw APIError(.badRequest, code: "invalid_json", message: "The request body must be a JSON object.")
        }
        let known: Set<String> = [
            "welcomeEnabled", "operatorGreetingEnabled", "autoCloseMinutes", "reopenAfterAutoClose", "feedbackEnabled", "businessHours",
        ]
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw APIError(.badRequest, code: "unknown_setting", message: "'\(unknown)' is not an automation setting.")
        }
        do {
            return try JSONResponse.decoder.decode(AutomationSettingsPatch.self, from: data)
        } catch {
            throw APIError(.badRequest, code: "invalid_json", message: "The request body is not valid JSON of the expected shape.")
        }
    }

    private func view(_ channel: ChannelID?) async throws -> ScopeDTO {
        let global = try await store.automationSettingsPatch(channel: nil)
        let own = channel == nil ? global : try await store.automationSettingsPatch(channel: channel)
        var effective = AutomationSettings.defaults.applying(global)
        if channel != nil { effective = effective.applying(own) }
        let channelTexts = channel == nil ? [] : try await store.automationTextOverrides(channel: channel)
        let globalTexts = try await store.automationTextOverrides(channel: nil)
        var texts: [TextDTO] = []
        for kind in AutomationText.allCases {
            for language in AutomationLanguage.allCases {
                let matches: (AutomationTextOverride) -> Bool = { $0.kind == kind && $0.language == language }
                if let text = channelTexts.first(where: matches) {
                    texts.append(TextDTO(kind: kind, language: language, text: text.text, source: "channel"))
                } else if let text = globalTexts.first(where: matches) {
                    texts.append(TextDTO(kind: kind, language: language, text: text.text, source: "global"))
                } else {
                    texts.append(TextDTO(kind: kind, language: language, text: kind.defaultText(language), source: "default"))
                }
            }
        }
        return ScopeDTO(channelId: channel, settings: own ?? AutomationSettingsPatch(), effective: effective, texts: texts)
    }
}
