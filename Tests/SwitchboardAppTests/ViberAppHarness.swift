import CurlHTTP
import Foundation
import Logging
import MessengerFakes
import ServiceLifecycle
import SwitchboardApp
import SwitchboardCore
import TestSupport

/// A real Switchboard server on a loopback port, a fake Viber that calls its webhook, and captured logs.
struct ViberAppHarness {
    static let token = "4c0ffee5e1f2a3b4-c5d6e7f8a9b0c1d2-viberTOKN"
    static let welcome = "Hi! An operator will answer shortly."

    let directory: TemporaryDirectory
    let viber: FakeViber
    let config: AppConfig
    let logs = LogCapture()
    let client = CurlTransport()

    init() async throws {
        directory = try TemporaryDirectory()
        var fakeConfiguration = FakeViber.Configuration()
        fakeConfiguration.allowInsecureWebhooks = true
        viber = try await FakeViber.start(configuration: fakeConfiguration)
        await viber.addBot(token: Self.token, name: "Acme Support", uri: "acmesupport", avatar: "https://viber.test/acme.jpg")
        let port = try Socket.serverPort()
        config = AppConfig(
            host: "127.0.0.1",
            port: port,
            databasePath: try directory.migratedDatabase("switchboard.sqlite"),
            publicURL: URL(string: "http://127.0.0.1:\(port)")
        )
    }

    var baseURL: String { "http://127.0.0.1:\(config.port)" }
    /// The bot logo's public URL, as `avatar add` prints it.
    var logoURL: String { baseURL + "/avatars/logo.png" }

    /// `channel add viber` against the fake.
    @discardableResult
    func addChannel(token: String = Self.token) async throws -> Channel {
        let switchboard = try Switchboard(config: config, logger: logs.logger())
        let request = ChannelAdmin.ViberRequest(
            name: "support-viber",
            token: token,
            apiURL: viber.apiURL.absoluteString,
            personaAvatar: logoURL,
            welcomeText: Self.welcome
        )
        return try await ChannelAdmin(switchboard: switchboard, config: config, actor: .system).addViber(request)
    }

    /// `channel list` output.
    func listOutput() async throws -> String {
        let switchboard = try Switchboard(config: config, logger: logs.logger())
        return ChannelAdmin.table(try await ChannelAdmin(switchboard: switchboard, config: config, actor: .system).list())
    }

    /// Runs `serve` until `body` returns (after the webhook is set), then shuts down gracefully.
    /// - Parameter automation: leaves the automatic messages on; off, sent-message counts are the test's own.
    func serving(waitForWebhook: Bool = true, automation: Bool = false, _ body: (Switchboard) async throws -> Void) async throws {
        let (app, switchboard) = try buildApplication(config: config, logger: logs.logger())
        if !automation { try await switchboard.silenceAutomation() }
        let serving = ServingGroup(services: [app], logger: logs.logger())
        do {
            try await serving.waitUntilHealthy(baseURL, client: client)
            if waitForWebhook {
                try await eventually("webhook set") { await viber.webhookURL(bot: Self.token) != nil }
            }
            try await body(switchboard)
        } catch {
            _ = await serving.stop()
            throw error
        }
        try await serving.stop().get()
    }

    /// POSTs bytes to a webhook path, signed with `signature` when given.
    func post(_ path: String, body: Data, signature: String?) async throws -> CurlHTTP.HTTPResponse {
        var headers: [(name: String, value: String)] = []
        if let signature { headers.append(("X-Viber-Content-Signature", signature)) }
        return try await client.send(.init(method: .post, url: baseURL + path, headers: headers, body: .json(body)))
    }

    func stop() async {
        await viber.stop()
        client.shutdown()
        directory.remove()
    }
}
