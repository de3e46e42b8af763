import Accounts
import Foundation
import GRDB
import Logging
import MessengerFakes
import SwitchboardApp
import SwitchboardCore

/// The real server: `switchboard serve` in a child process on a fresh SQLite file, its Viber and
/// Telegram channels connected to fakes in this process, an admin signed in on the inbox stream.
struct SwitchboardUnderTest: Sendable {
    /// The fake Viber bot's token: it signs the callbacks and reaches only the in-process fake.
    static let viberToken = "5e2e-bench-fake-viber-token-0001"
    static let telegramToken = "7000000099:BENCH-fake-telegram-token"
    static let login = "bench-admin"
    static let password = "bench-admin-password"
    static let channelName = "bench-viber"

    let options: E2EBenchmark.Options
    let factory: ViberCallbackFactory
    let progress: @Sendable (String) -> Void

    /// Starts the fakes and the server, floods it, stops everything and checks the database.
    /// - Throws: when the server cannot be started, set up or signed in to.
    func run(numbers: Counter) async throws -> E2EServerReport {
        let folder = options.directory.appendingPathComponent("switchboard")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("channels"), withIntermediateDirectories: true)
        var viberConfiguration = FakeViber.Configuration()
        // The server listens on plain http on loopback; the real Viber demands https.
        viberConfiguration.allowInsecureWebhooks = true
        let viber = try await FakeViber.start(configuration: viberConfiguration)
        let telegram = try await FakeTelegram.start()
        do {
            let report = try await run(folder: folder, viber: viber, telegram: telegram, numbers: numbers)
            await viber.stop()
            await telegram.stop()
            return report
        } catch {
            await viber.stop()
            await telegram.stop()
            throw error
        }
    }

    private func run(folder: URL, viber: FakeViber, telegram: FakeTelegram, numbers: Counter) async throws -> E2EServerReport {
        await viber.addBot(token: Self.viberToken, name: "Bench Desk", uri: "benchdesk")
        for (index, id) in factory.userIDs.enumerated() {
            try await viber.addUser(bot: Self.viberToken, user: FakeViber.User(id: id, name: ViberCallbackFactory.userName(index), language: "uk"))
        }
        await telegram.addBot(token: Self.telegramToken, username: "bench_desk_bot", firstName: "Bench Desk")
        let port = try ServerProcess.freePort()
        let database = folder.appendingPathComponent("switchboard.sqlite").path
        let settings = [
            "SWITCHBOARD_HOST": "127.0.0.1",
            "SWITCHBOARD_PORT": String(port),
            "SWITCHBOARD_DATABASE": database,
            "SWITCHBOARD_PUBLIC_URL": "http://127.0.0.1:\(port)",
            "SWITCHBOARD_CHANNELS_DIR": folder.appendingPathComponent("channels").path,
            // 200 clients writing thousands of messages a second are the point here, not a flood to mute.
            "SWITCHBOARD_FLOOD_MESSAGES": "10000",
            "SWITCHBOARD_FLOOD_WINDOW": "1",
        ]
        try await seed(settings: settings, viber: viber, telegram: telegram)
        progress("switchboard: starting `serve` on 127.0.0.1:\(port) (log: \(folder.appendingPathComponent("serve.log").path))")
        let server = try ServerProcess(
            name: "switchboard",
            arguments: ["serve"],
            environment: ChildEnvironment.make(settings),
            port: port,
            logFile: folder.appendingPathComponent("serve.log")
        )
        do {
            let measured = try await flood(server, viber: viber, numbers: numbers)
            await server.stop()
            let texts = try await DatabaseQueue(path: database).read { db in
                try String.fetchAll(db, sql: "SELECT text FROM messages WHERE direction = 'in'")
            }
            return measured.report(name: "switchboard", storedTexts: texts, streamed: true)
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Creates the admin and the channels in the fresh database, as `operator add` and `channel add` would.
    private func seed(settings: [String: String], viber: FakeViber, telegram: FakeTelegram) async throws {
        let config = try AppConfig.load(flags: settings, environment: [:])
        var logger = Logger(label: "bench.setup")
        logger.logLevel = .warning
        let switchboard = try Switchboard(config: config, logger: logger)
        // The lowest bcrypt cost: signing in is set-up, not what is measured.
        let hash = try await PasswordHasher(cost: 4).hash(Self.password)
        _ = try await switchboard.store.createOperator(
            OperatorDraft(login: Self.login, displayName: "Bench Admin", role: .admin, passwordHash: hash),
            at: Date()
        )
        let admin = ChannelAdmin(switchboard: switchboard, config: config, actor: .system)
        _ = try await admin.addViber(
            .init(name: Self.channelName, token: Self.viberToken, apiURL: viber.apiURL.absoluteString, personaName: "Bench Desk")
        )
        _ = try await admin.addTelegram(
            .init(name: "bench-telegram", token: Self.telegramToken, mode: .poll, apiURL: telegram.baseURL.absoluteString, personaName: "Bench Desk")
        )
    }

    /// Waits for the server, signs in, listens on the stream and floods.
    private func flood(_ server: ServerProcess, viber: FakeViber, numbers: Counter) async throws -> Measured {
        try await server.waitUntilAnswering("/healthz")
        let deadline = ContinuousClock.now + .seconds(60)
        while await viber.webhookURL(bot: Self.viberToken) == nil {
            guard ContinuousClock.now < deadline else { throw ServerProcess.Failure(description: "the server never set its Viber webhook") }
            try await Task.sleep(for: .milliseconds(100))
        }
        let cookie = try await Self.signIn(port: server.port)
        let ledger = DeliveryLedger()
        let listener = StreamListener(ledger: ledger)
        let listening = Task { try await listener.run(port: server.port, sessionCookie: cookie) }
        defer { listening.cancel() }
        let opened = ContinuousClock.now + .seconds(30)
        while !listener.isOpen {
            guard ContinuousClock.now < opened else { throw StreamListener.Failed(description: "the inbox stream did not open within 30 s") }
            try await Task.sleep(for: .milliseconds(50))
        }
        let idle = try await server.waitUntilIdle(timeout: .seconds(30)) ?? server.sample()
        progress("switchboard: signed in, stream open, idle at \(idle.residentBytes / 1_048_576) MiB resident; flooding")
        let flooder = Flooder(
            port: server.port,
            path: "/webhooks/viber/\(Self.channelName)",
            connections: options.connections,
            factory: factory,
            ledger: ledger,
            numbers: numbers
        )
        let phases = try await PhaseRunner(server: server, flooder: flooder, ledger: ledger, options: options, streamed: true, progress: progress)
            .runAll()
        let after = try server.sample()
        listener.close()
        do {
            try await listening.value
        } catch {
            progress("switchboard: the inbox stream ended with \(error)")
        }
        return Measured(phases: phases, idle: idle, after: after, records: ledger.snapshot())
    }

    /// Signs the admin in like the inbox page does; returns the `Cookie` header value.
    static func signIn(port: Int) async throws -> String {
        let body = try JSONSerialization.data(withJSONObject: ["login": Self.login, "password": Self.password])
        let reply = try await KeepAliveConnection.with(port: port) { connection in
            try await connection.send(.init(method: "POST", path: "/api/v1/session", headers: [("Content-Type", "application/json")], body: body))
        }
        guard reply.status == 200, let cookie = reply.header("Set-Cookie")?.split(separator: ";").first else {
            throw ServerProcess.Failure(description: "sign-in answered \(reply.status): \(String(decoding: reply.body, as: UTF8.self))")
        }
        return String(cookie)
    }
}
