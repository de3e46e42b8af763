import Foundation
public import Hummingbird
import Logging
import SwitchboardCore
import SwitchboardEngine
public import SwitchboardWeb

/// `/api/v1/channels` (admins only): the same operations as `switchboard channel …`, through the same
/// `ChannelAdmin`, applied to the running bridges at once.
public struct ChannelAdminController: Sendable {
    let switchboard: Switchboard
    let config: AppConfig

    /// Creates the controller.
    public init(switchboard: Switchboard, config: AppConfig) {
        self.switchboard = switchboard
        self.config = config
    }

    struct Create: Decodable {
        let kind: ChannelKind
        let name: String
        let token: String
        let mode: ChannelMode?
        let personaName: String?
        let personaAvatar: String?
        let welcome: String?
        let apiURL: String?
        let proxy: String?
    }

    struct Update: Decodable {
        let personaName: String?
        let personaAvatar: String?
        let welcome: String?
        let departmentID: DepartmentID?
        let mode: ChannelMode?
    }

    struct TokenChange: Decodable {
        let token: String
    }

    struct StaffGroup: Decodable {
        let chatID: Int64
    }

    /// A channel as the admin page shows it; the token only masked.
    struct ChannelView: Encodable {
        let id: ChannelID
        let kind: ChannelKind
        let name: String
        let mode: ChannelMode
        let persona: Persona
        let defaultDepartmentID: DepartmentID?
        let paused: Bool
        let maskedToken: String
        let apiURL: String
        let webhookURL: String?
        /// Why the channel cannot work (the messenger rejected its token), if it cannot.
        let problem: String?
        /// The channel is started in this server (its adapter takes replies).
        let running: Bool
        let lastInboundAt: Date?
        let lastFailure: ChannelActivity.Failure?
        /// The Telegram staff supergroup of topic mode, nil when topic mode is off.
        let staffGroupChatID: Int64?
    }

    struct Items<Item: Encodable>: Encodable {
        let items: [Item]
    }

    /// The routes.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        let admins = routes.group(context: AdminRequestContext.self)
        admins.get("api/v1/channels") { _, context in
            let admin = channelAdmin(context)
            var views: [ChannelView] = []
            for summary in try await admin.list() { views.append(await view(summary)) }
            return try JSONResponse.make(Items(items: views))
        }
        admins.post("api/v1/channels") { request, context in
            let admin = channelAdmin(context)
            let body = try await JSONResponse.decode(Create.self, from: request, limit: 16 * 1024)
            let channel = try await refusals(context) {
                switch body.kind {
                case .telegram:
                    guard body.welcome == nil else { throw ChannelAdminError("only Viber channels send a welcome on conversation_started") }
                    return try await admin.addTelegram(
                        .init(
                            name: body.name,
                            token: body.token,
                            mode: body.mode ?? .poll,
                            apiURL: body.apiURL,
                            proxy: body.proxy,
                            personaName: body.personaName
                        )
                    )
                case .viber:
                    guard body.mode != .poll else { throw ChannelAdminError("Viber only delivers by webhook") }
                    guard body.proxy == nil else { throw ChannelAdminError("only Telegram channels take a proxy of their own") }
                    return try await admin.addViber(
                        .init(
                            name: body.name,
                            token: body.token,
                            apiURL: body.apiURL,
                            personaName: body.personaName,
                            personaAvatar: body.personaAvatar,
                            welcomeText: body.welcome
                        )
                    )
                }
            }
            if body.kind == .telegram, let avatar = body.personaAvatar {
                _ = try await refusals(context) { try await admin.edit(channel.id, .init(personaAvatar: avatar)) }
            }
            await reload(channel)
            return try JSONResponse.make(await view(try await admin.summary(channel.id)), status: .created)
        }
        admins.patch("api/v1/channels/:id") { request, context in
            let admin = channelAdmin(context)
            let channel = try await existing(context)
            let body = try await JSONResponse.decode(Update.self, from: request, limit: 16 * 1024)
            let edit = ChannelAdmin.Edit(
                personaName: body.personaName,
                personaAvatar: body.personaAvatar,
                welcome: body.welcome,
                departmentID: body.departmentID
            )
            _ = try await refusals(context) {
                if let mode = body.mode, mode != channel.mode {
                    guard channel.kind == .telegram else { throw ChannelAdminError("Viber only delivers by webhook") }
                }
                let edited = try await admin.edit(channel.id, edit)
                if let mode = body.mode, mode != channel.mode { _ = try await admin.setMode(channelName: channel.name, to: mode) }
                return edited
            }
            await reload(channel)
            return try JSONResponse.make(await view(try await admin.summary(channel.id)))
        }
        for (action, paused) in [("pause", true), ("resume", false)] {
            admins.post("api/v1/channels/:id/\(action)") { _, context in
                let admin = channelAdmin(context)
                let channel = try await existing(context)
                let summary = try await admin.setPaused(channel.id, paused)
                await reload(channel)
                return try JSONResponse.make(await view(summary))
            }
        }
        admins.delete("api/v1/channels/:id") { _, context in
            let admin = channelAdmin(context)
            let channel = try await existing(context)
            let (removal, events) = try await refusals(context) { try await admin.remove(channel.id) }
            await switchboard.bus.publish(events)
            await reload(channel)
            return try JSONResponse.make(removal)
        }
        admins.put("api/v1/channels/:id/token") { request, context in
            let admin = channelAdmin(context)
            let channel = try await existing(context)
            let body = try await JSONResponse.decode(TokenChange.self, from: request, limit: 4 * 1024)
            _ = try await refusals(context) { try await admin.rotateToken(channel.id, to: body.token) }
            await reload(channel)
            return try JSONResponse.make(await view(try await admin.summary(channel.id)))
        }
        admins.put("api/v1/channels/:id/staff-group") { request, context in
            let admin = channelAdmin(context)
            let channel = try await existing(context)
            let body = try await JSONResponse.decode(StaffGroup.self, from: request, limit: 4 * 1024)
            let summary = try await refusals(context) { try await admin.connectStaffGroup(channel.id, chatID: body.chatID) }
            await reload(channel)
            return try JSONResponse.make(await view(summary))
        }
        admins.delete("api/v1/channels/:id/staff-group") { _, context in
            let admin = channelAdmin(context)
            let channel = try await existing(context)
            let summary = try await refusals(context) { try await admin.disconnectStaffGroup(channel.id) }
            await reload(channel)
            return try JSONResponse.make(await view(summary))
        }
        return routes
    }

    /// The admin facade acting as the signed-in admin.
    private func channelAdmin(_ context: AdminRequestContext) -> ChannelAdmin {
        ChannelAdmin(switchboard: switchboard, config: config, actor: .operator(context.admin.account))
    }

    private func existing(_ context: AdminRequestContext) async throws -> Channel {
        guard let raw = context.parameters.get("id"), let id = Int64(raw),
            let channel = try await switchboard.store.channels().first(where: { $0.id == ChannelID(id) })
        else {
            throw APIError(.notFound, code: "not_found", message: "No such channel.")
        }
        return channel
    }

    /// Runs an admin operation; its refusal (a wrong token, a taken name) is a 422 with the sentence,
    /// a messenger that cannot be reached a 502. Neither carries the token.
    private func refusals<T>(_ context: AdminRequestContext, _ operation: () async throws -> T) async throws -> T {
        do {
            return try await operation()
        } catch let error as ChannelAdminError {
            throw APIError(.unprocessableContent, code: "channel_refused", message: error.description)
        } catch let error as APIError {
            throw error
        } catch {
            context.logger.warning("channel operation failed", metadata: ["error": "\(error)"])
            throw APIError(.badGateway, code: "messenger_unreachable", message: "The messenger could not be reached: \(error)")
        }
    }

    private func reload(_ channel: Channel) async {
        switch channel.kind {
        case .telegram: await switchboard.telegram.reload(channel)
        case .viber: await switchboard.viber.reload(channel)
        }
    }

    private func view(_ summary: ChannelAdmin.Summary) async -> ChannelView {
        let channel = summary.channel
        let webhookURL: String? =
            switch (channel.kind, channel.mode) {
            case (.telegram, .webhook), (.viber, _):
                config.publicURL.appendingPathComponent("webhooks/\(channel.kind.rawValue)/\(channel.name)").absoluteString
            case (.telegram, .poll): nil
            }
        return ChannelView(
            id: channel.id,
            kind: channel.kind,
            name: channel.name,
            mode: channel.mode,
            persona: channel.persona,
            defaultDepartmentID: channel.defaultDepartmentID,
            paused: channel.isPaused,
            maskedToken: summary.maskedToken,
            apiURL: summary.apiURL,
            webhookURL: webhookURL,
            problem: channel.problem,
            running: await switchboard.adapters.adapter(for: channel.id) != nil,
            lastInboundAt: await switchboard.activity.lastInboundAt(channel: channel.name),
            lastFailure: await switchboard.activity.lastFailure(channel: channel.name),
            staffGroupChatID: summary.staffGroupChatID
        )
    }
}
