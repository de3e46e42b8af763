import Accounts
import CurlHTTP
import Foundation
import Logging
import MessengerFakes
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import SwitchboardWeb
import TestSupport
import Testing

/// One Switchboard server with a Telegram bot and a Viber bot on their fakes, spoken to over real HTTP.
struct ContinuityHarness {
    static let telegramToken = TelegramAppHarness.token
    static let viberToken = ViberAppHarness.token

    let directory: TemporaryDirectory
    let telegram: FakeTelegram
    let viber: FakeViber
    let config: AppConfig
    let logs = LogCapture()
    let client = CurlTransport()

    /// A JSON answer of the API.
    struct Reply {
        let status: Int
        let body: Data
        let headers: [(name: String, value: String)]

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var items: [[String: Any]] { json["items"] as? [[String: Any]] ?? [] }
        var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
    }

    /// An operator's session as a browser holds it.
    struct Session {
        let cookie: String
        let csrf: String
    }

    /// - Parameters:
    ///   - publicURL: Whether `SWITCHBOARD_PUBLIC_URL` is set (the server's own loopback address).
    ///   - telegramNow: the fake Telegram's clock, for its time rules (the 48-hour deletion window).
    init(
        contextTTL: TimeInterval = 86_400,
        autoLinkByPhone: Bool = false,
        publicURL: Bool = true,
        telegramNow: @escaping @Sendable () -> Date = { Date() }
    ) async throws {
        directory = try TemporaryDirectory()
        var telegramConfiguration = FakeTelegram.Configuration()
        telegramConfiguration.allowInsecureWebhooks = true
        telegramConfiguration.now = telegramNow
        telegram = try await FakeTelegram.start(configuration: telegramConfiguration)
        await telegram.addBot(token: Self.telegramToken, username: "desk_bot", firstName: "Desk")
        var viberConfiguration = FakeViber.Configuration()
        viberConfiguration.allowInsecureWebhooks = true
        viber = try await FakeViber.start(configuration: viberConfiguration)
        await viber.addBot(token: Self.viberToken, name: "Acme Support", uri: "acmesupport")
        let port = try Socket.serverPort()
        config = AppConfig(
            host: "127.0.0.1",
            port: port,
            databasePath: try directory.migratedDatabase("switchboard.sqlite"),
            publicURL: publicURL ? URL(string: "http://127.0.0.1:\(port)") : nil,
            logLevel: .error,
            contextTTL: contextTTL,
            autoLinkByPhone: autoLinkByPhone
        )
    }

    var baseURL: String { "http://127.0.0.1:\(config.port)" }

    /// `channel add telegram` (polling) and `channel add viber`, then an admin and an operator.
    func setUp() async throws {
        let switchboard = try Switchboard(config: config, logger: logs.logger())
        let admin = ChannelAdmin(switchboard: switchboard, config: config, actor: .system)
        _ = try await admin.addTelegram(
            .init(name: "support-tg", token: Self.telegramToken, mode: .poll, apiURL: telegram.baseURL.absoluteString)
        )
        _ = try await admin.addViber(.init(name: "support-viber", token: Self.viberToken, apiURL: viber.apiURL.absoluteString))
        let hasher = PasswordHasher(cost: 4)
        for (login, role) in [("admin", OperatorRole.admin), ("maria", .operator), ("sofia", .supervisor)] {
            _ = try await switchboard.store.createOperator(
                OperatorDraft(login: login, displayName: login.capitalized, role: role, passwordHash: try await hasher.hash("password123")),
                at: Date()
            )
        }
    }

    /// Runs `serve` until `body` returns (the Viber webhook set), then shuts down gracefully.
    func serving(_ body: (Switchboard) async throws -> Void) async throws {
        let (app, switchboard) = try buildApplication(config: config, logger: logs.logger(), passwordCost: 4)
        let serving = ServingGroup(services: [app], logger: logs.logger())
        do {
            try await serving.waitUntilHealthy(baseURL, client: client)
            try await eventually("webhook set") { await viber.webhookURL(bot: Self.viberToken) != nil }
            try await body(switchboard)
        } catch {
            _ = await serving.stop()
            throw error
        }
        try await serving.stop().get()
    }

    /// Calls the API with an optional session (cookie and CSRF) or bearer key.
    func api(
        _ method: CurlHTTP.HTTPMethod,
        _ path: String,
        json: Any? = nil,
        raw: Data? = nil,
        as session: Session? = nil,
        bearer: String? = nil
    )
        async throws -> Reply
    {
        var headers: [(name: String, value: String)] = []
        if let session {
            headers.append(("Cookie", session.cookie))
            headers.append(("X-CSRF-Token", session.csrf))
        }
        if let bearer { headers.append(("Authorization", "Bearer \(bearer)")) }
        var body = HTTPBody.none
        if let json { body = .json(try JSONSerialization.data(withJSONObject: json)) }
        if let raw { body = .json(raw) }
        let response = try await client.send(.init(method: method, url: baseURL + path, headers: headers, body: body))
        return Reply(status: response.status, body: response.body, headers: response.headers)
    }

    /// Signs in with the harness password.
    func signIn(_ login: String) async throws -> Session {
        let reply = try await api(.post, "/api/v1/session", json: ["login": login, "password": "password123"])
        #expect(reply.status == 200)
        let setCookie = try #require(reply.headers.first { $0.name.lowercased() == "set-cookie" }?.value)
        let cookie = try #require(setCookie.split(separator: ";").first.map(String.init))
        return Session(cookie: cookie, csrf: try #require(reply.json["csrfToken"] as? String))
    }

    /// A new API key, created by the admin over the API.
    func newAPIKey(_ name: String = "website") async throws -> String {
        let admin = try await signIn("admin")
        let reply = try await api(.post, "/api/v1/api-keys", json: ["name": name], as: admin)
        #expect(reply.status == 201)
        return try #require(reply.json["key"] as? String)
    }

    func stop() async {
        await telegram.stop()
        await viber.stop()
        client.shutdown()
        directory.remove()
    }
}
