import CurlHTTP
import Foundation
import Secrets
public import SwitchboardCore
import TelegramChannel
import ViberChannel

extension ChannelAdmin {
    /// What `channel add viber` needs.
    public struct ViberRequest: Sendable {
        public var name: String
        public var token: String
        public var apiURL: String?
        /// The bot persona's name; default the account's name from get_account_info.
        public var personaName: String?
        /// The bot persona's public avatar URL; default the account's icon.
        public var personaAvatar: String?
        /// Answer to `conversation_started`; nil sends no welcome message.
        public var welcomeText: String?

        /// Creates a request.
        public init(
            name: String,
            token: String,
            apiURL: String? = nil,
            personaName: String? = nil,
            personaAvatar: String? = nil,
            welcomeText: String? = nil
        ) {
            self.name = name
            self.token = token
            self.apiURL = apiURL
            self.personaName = personaName
            self.personaAvatar = personaAvatar
            self.welcomeText = welcomeText
        }
    }

    /// Checks the token with get_account_info, then stores the channel (webhook mode) with the token sealed.
    ///
    /// set_webhook is called by `serve`: Viber verifies the URL at once, so the server must be listening.
    /// - Throws: `ChannelAdminError` with a sentence for the admin; never the token.
    public func addViber(_ request: ViberRequest) async throws -> Channel {
        try await checkNewName(request.name)
        if let avatar = request.personaAvatar, !(avatar.hasPrefix("https://") || avatar.hasPrefix("http://")) {
            throw ChannelAdminError("--persona-avatar must be a public http(s) URL (see `switchboard avatar add`)")
        }
        var settings = ViberChannelSettings(apiURL: request.apiURL, welcomeText: request.welcomeText)
        let api = ViberBotAPI(token: request.token, baseURL: settings.baseURL, transport: transport)
        let account: ViberBotAPI.Account
        do {
            account = try await api.getAccountInfo()
        } catch let error as ViberAPIError where error.isTokenRejected {
            throw ChannelAdminError("Viber rejected the token (\(error)): copy it again from the bot's Viber admin panel")
        } catch {
            throw ChannelAdminError("could not check the token with \(settings.baseURL): \(error)")
        }
        settings.chatURI = account.uri
        let credentials = ChannelCredentials(tokenCiphertext: try secrets.seal(request.token), settingsJSON: settings.json)
        let persona = Persona(name: request.personaName ?? account.name ?? request.name, avatarURL: request.personaAvatar ?? account.icon)
        let channel = try await store.createChannel(
            ChannelDraft(kind: .viber, name: request.name, mode: .webhook, persona: persona),
            credentials: credentials,
            at: Date()
        )
        try await recordChange("created", channel.id, before: nil, secrets: ["token"])
        return channel
    }

    /// Refuses a name that is malformed or taken.
    /// - Throws: `ChannelAdminError`.
    func checkNewName(_ name: String) async throws {
        guard name.range(of: "^[a-z0-9][a-z0-9_-]{0,62}$", options: .regularExpression) != nil else {
            throw ChannelAdminError("channel names use a-z, 0-9, '-' and '_' (up to 63 characters), e.g. support-tg")
        }
        if try await store.channels().contains(where: { $0.name == name }) {
            throw ChannelAdminError("a channel named '\(name)' already exists")
        }
    }

    /// The API base URL a channel's settings point at.
    static func apiURL(of channel: Channel, settingsJSON: String) -> String {
        switch channel.kind {
        case .telegram: TelegramChannelSettings(json: settingsJSON).endpoint.baseURL
        case .viber: ViberChannelSettings(json: settingsJSON).baseURL
        }
    }
}
