import CurlHTTP
import Foundation
import Logging
import MessengerFakes
import ServiceLifecycle
import SwitchboardApp
import SwitchboardCore
import TestSupport

/// A real Switchboard server on a fixed loopback port, a fake Telegram, and captured logs.
struct TelegramAppHarness {
    static let token = "7000000001:AAH-app-test-token-9876543210zyxwTOKN"

    let directory: TemporaryDirectory
    let telegram: FakeTelegram
    let config: AppConfig
    let logs = LogCapture()
    let client = CurlTransport()

    /// - Parameter logLevel: the server's log level; the leak test logs everything.
    init(logLevel: Logger.Level = .info) async throws {
        directory = try TemporaryDirectory()
        var fakeConfiguration = FakeTelegram.Configuration()
        fakeConfiguration.allowInsecureWebhooks = true
        telegram = try await FakeTelegram.start(configuration: fakeConfiguration)
        await telegram.addBot(token: Self.token, username: "desk_bot", firstName: "Desk")
        let port = try Socket.serverPort()
        var config = AppConfig(
            host: "127.0.0.1",
            port: port,
            databasePath: try directory.migratedDatabase("switchboard.sqlite"),
            publicURL: URL(string: "http://127.0.0.1:\(port)")
        )
        config.logLevel = logLevel
        self.config = config
    }

    var baseURL: String { "http://127.0.0.1:\(config.port)" }

    /// `channel add telegram` against the fake.
    func addChannel(mode: ChannelMode, token: String = Self.token) async throws -> Channel {
        let switchboard = try Switchboard(config: config, logger: logs.logger())
        let request = ChannelAdmin.TelegramRequest(name: "support-tg", token: token, mode: mode, apiURL: telegram.baseURL.absoluteString)
        return try await ChannelAdmin(switchboard: switchboard, config: config, actor: .system).addTelegram(request)
    }

    /// `channel list` output.
    func listOutput() async throws -> String {
        let switchboard = try Switchboard(config: config, logger: logs.logger())
        return ChannelAdmin.table(try await ChannelAdmin(switchboard: switchboard, config: config, actor: .system).list())
    }

    /// Runs `serve` until `body` returns, then shuts down gracefully.
    /// - Parameter automation: leaves the automatic messages on; off, sent-message counts are the test's own.
    func serving(automation: Bool = false, _ body: (Switchboard) async throws -> Void) async throws {
        let (app, switchboard) = try buildApplication(config: config, logger: logs.logger())
        if !automation { try await switchboard.silenceAutomation() }
        let serving = ServingGroup(services: [app], logger: logs.logger())
        do {
            try await serving.waitUntilHealthy(baseURL, client: client)
            try await body(switchboard)
        } catch {
            _ = await serving.stop()
            throw error
        }
        try await serving.stop().get()
    }

    /// Every byte of the database files (main file, WAL and shared memory).
    func databaseBytes() throws -> Data {
        var bytes = Data()
        for suffix in ["", "-wal", "-shm"] {
            let path = config.databasePath + suffix
            if FileManager.default.fileExists(atPath: path) { bytes += try Data(contentsOf: URL(fileURLWithPath: path)) }
        }
        return bytes
    }

    func stop() async {
        await telegram.stop()
        client.shutdown()
        directory.remove()
    }
}
