import CurlHTTP
import Foundation
import Secrets
public import SwitchboardCore
import TelegramChannel

/// Adding and listing channels, as the `switchboard channel` commands do.
///
/// Tokens are checked with the messenger before anything is stored, stored only sealed, and shown
/// only masked.
public struct ChannelAdmin: Sendable {
    /// A channel as `channel list` shows it.
    public struct Summary: Sendable, Equatable {
        public var channel: Channel
        /// `••••` and the token's last four characters.
        public var maskedToken: String
        /// Where the bot's API calls go.
        public var apiURL: String
        /// The Telegram staff group of topic mode, if connected.
        public var staffGroupChatID: Int64?
    }

    /// What `channel add telegram` needs.
    public struct TelegramRequest: Sendable {
        public var name: String
        public var token: String
        public var mode: ChannelMode
        public var apiURL: String?
        public var proxy: String?
        public var personaName: String?

        /// Creates a request.
        public init(name: String, token: String, mode: ChannelMode = .poll, apiURL: String? = nil, proxy: String? = nil, personaName: String? = nil) {
            self.name = name
            self.token = token
            self.mode = mode
            self.apiURL = apiURL
            self.proxy = proxy
            self.personaName = personaName
        }
    }

    let store: any Store
    let departmentStore: any RoutingStore
    let secrets: SecretBox
    let transport: any HTTPTransport
    let publicURL: URL
    let auditLog: any AdminStore
    let automationStore: any AutomationStore
    /// Who the changes are recorded as in the audit log.
    public internal(set) var actor: AuditActor

    /// Creates the admin facade over an open store.
    /// - Parameter actor: who makes the changes (an operator, the CLI, a manifest), for the audit log.
    public init(switchboard: Switchboard, config: AppConfig, actor: AuditActor) {
        self.store = switchboard.store
        self.departmentStore = switchboard.store
        self.secrets = switchboard.secrets
        self.transport = switchboard.transport
        self.publicURL = config.publicURL
        self.auditLog = switchboard.store
        self.automationStore = switchboard.store
        self.actor = actor
    }

    /// Checks the token with getMe, puts the bot in its mode, then stores the channel with the token sealed.
    /// - Throws: `ChannelAdminError` with a sentence for the admin; never the token.
    public func addTelegram(_ request: TelegramRequest) async throws -> Channel {
        try await checkNewName(request.name)
        var settings = TelegramChannelSettings(apiURL: request.apiURL, proxy: request.proxy)
        let api = TelegramBotAPI(token: request.token, endpoint: settings.endpoint, transport: transport)
        let bot: TelegramBotIdentity
        do {
            bot = try await api.getMe()
        } catch let error as TelegramAPIError where error.code == 401 || error.code == 404 {
            throw ChannelAdminError("Telegram rejected the token (\(error.code ?? 401) Unauthorized): check the token from @BotFather")
        } catch {
            throw ChannelAdminError("could not check the token with \(settings.endpoint.baseURL): \(error)")
        }
        settings.botUsername = bot.username
        var secret: String?
        if request.mode == .webhook { secret = TelegramWebhookSetup.newSecret() }
        let url = TelegramWebhookSetup.webhookURL(publicURL: publicURL, channelName: request.name)
        do {
            try await TelegramWebhookSetup.activate(request.mode, api: api, webhookURL: url, secret: secret)
        } catch {
            throw ChannelAdminError("could not switch the bot to \(request.mode.rawValue) mode: \(error)")
        }
        let credentials = ChannelCredentials(
            tokenCiphertext: try secrets.seal(request.token),
            webhookSecretCiphertext: try secret.map(secrets.seal),
            settingsJSON: settings.json
        )
        let persona = Persona(name: request.personaName ?? bot.firstName)
        let channel = try await store.createChannel(
            ChannelDraft(kind: .telegram, name: request.name, mode: request.mode, persona: persona),
            credentials: credentials,
            at: Date()
        )
        try await recordChange("created", channel.id, before: nil, secrets: ["token"])
        return channel
    }

    /// Every channel with its token masked.
    public func list() async throws -> [Summary] {
        var summaries: [Summary] = []
        for channel in try await store.channels() {
            let credentials = try await store.channelCredentials(channel.id)
            let token = credentials.flatMap { try? secrets.open($0.tokenCiphertext) }
            summaries.append(
                Summary(
                    channel: channel,
                    maskedToken: token.map(SecretMask.mask) ?? (credentials == nil ? "(none)" : "(cannot decrypt)"),
                    apiURL: Self.apiURL(of: channel, settingsJSON: credentials?.settingsJSON ?? "{}"),
                    staffGroupChatID: channel.kind == .telegram
                        ? TelegramChannelSettings(json: credentials?.settingsJSON ?? "{}").staffGroupChatID : nil
                )
            )
        }
        return summaries
    }
}

/// A refusal of a channel command, worded for the admin.
public struct ChannelAdminError: Error, CustomStringConvertible {
    public let description: String

    /// Creates a refusal with its sentence.
    public init(_ description: String) {
        self.description = description
    }
}

extension ChannelAdmin {
    /// `channel list` output: one line per channel, tokens masked.
    public static func table(_ summaries: [Summary]) -> String {
        guard !summaries.isEmpty else { return "no channels" }
        let header = "ID  KIND      NAME                 MODE     TOKEN     API"
        let lines = summaries.map { summary in
            let channel = summary.channel
            return [
                String(channel.id.rawValue).padding(toLength: 4, withPad: " ", startingAt: 0),
                channel.kind.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0),
                channel.name.padding(toLength: 21, withPad: " ", startingAt: 0),
                channel.mode.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0),
                summary.maskedToken.padding(toLength: 10, withPad: " ", startingAt: 0),
                summary.apiURL,
                channel.problem.map { "  BROKEN: \($0)" } ?? "",
            ].joined()
        }
        return ([header] + lines).joined(separator: "\n")
    }
}
