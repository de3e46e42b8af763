import Accounts
import Foundation
import Logging
import MessengerFakes
import SwitchboardApp
import SwitchboardBench
import SwitchboardCore
import Synchronization
import TestSupport

/// Two or more real `switchboard serve` processes on one fresh PostgreSQL database, with one
/// Telegram bot in poll mode on a fake Bot API and one admin operator, as an admin would set it up.
final class ClusterFixture: Sendable {
    static let token = "7100000001:CLUSTER-fake-telegram-token"
    static let login = "cluster-admin"
    static let password = "cluster-admin-password"

    let telegram: FakeTelegram
    let postgres: ThrowawayPostgres
    let database: String
    let folder: TemporaryDirectory
    /// The settings every instance shares: the database, the key that opens the bot's token, the media folder.
    let settings: [String: String]
    private let started = Mutex<[ServerProcess]>([])

    /// Creates the database and the fake bot, and seeds the admin and the channel.
    /// - Parameter postgres: the server to use; nil for the test process's shared one.
    init(telegramConfiguration: FakeTelegram.Configuration = .init(), postgres: ThrowawayPostgres? = nil) async throws {
        self.postgres = try postgres ?? ThrowawayPostgres.shared()
        database = try self.postgres.newDatabase()
        folder = try TemporaryDirectory()
        telegram = try await FakeTelegram.start(configuration: telegramConfiguration)
        await telegram.addBot(token: Self.token, username: "cluster_desk_bot", firstName: "Cluster Desk")
        let channels = folder.url.appendingPathComponent("channels")
        try FileManager.default.createDirectory(at: channels, withIntermediateDirectories: true)
        let key = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let inherited = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SWITCHBOARD_") }
        settings = inherited.merging([
            "SWITCHBOARD_DATABASE": self.postgres.url(database: database),
            "SWITCHBOARD_SECRET_KEY": key,
            "SWITCHBOARD_MEDIA_DIR": folder.path("media"),
            "SWITCHBOARD_CHANNELS_DIR": channels.path,
            "SWITCHBOARD_DATABASE_POOL_SIZE": "6",
            "SWITCHBOARD_LOG_LEVEL": "info",
            // The tests send hundreds of messages from a few clients on purpose.
            "SWITCHBOARD_FLOOD_MESSAGES": "10000",
            "SWITCHBOARD_FLOOD_WINDOW": "1",
        ]) { _, own in own }
        try await seed()
    }

    /// Starts one more instance and waits until it is ready.
    func start(_ name: String) async throws -> ServerProcess {
        let instance = try ServeInstance.start(name: name, environment: settings, folder: folder.url)
        started.withLock { $0.append(instance) }
        do {
            try await instance.waitUntilAnswering("/readyz", timeout: .seconds(90))
        } catch {
            await instance.stop()
            throw error
        }
        return instance
    }

    /// Runs `sql` on the cluster's database and returns the printed rows.
    func query(_ sql: String) throws -> [String] {
        try postgres.psql(sql, database: database).split(separator: "\n").map(String.init)
    }

    /// The first number `sql` prints.
    func count(_ sql: String) throws -> Int {
        Int(try query(sql).first ?? "") ?? -1
    }

    /// Waits until the bot has been polled at least `calls` times in total.
    func waitForPolls(atLeast calls: Int, timeout: Duration = .seconds(30)) async throws {
        try await eventually(timeout: timeout, "getUpdates was called \(calls) times") {
            await self.telegram.calls(bot: Self.token, method: "getUpdates").count >= calls
        }
    }

    /// Creates a cluster, runs `body` on it, and stops every instance and the fake whatever happens.
    static func with(postgres: ThrowawayPostgres? = nil, _ body: (ClusterFixture) async throws -> Void) async throws {
        let cluster = try await ClusterFixture(postgres: postgres)
        do {
            try await body(cluster)
        } catch {
            for instance in cluster.started.withLock({ $0 }) {
                print("--- \(instance.name) log:\n\(instance.logTail())")
            }
            let outbox = (try? cluster.query("SELECT message_id, attempts, last_error FROM outbox ORDER BY message_id LIMIT 20")) ?? []
            print("--- outbox:\n\(outbox.joined(separator: "\n"))")
            let channels = (try? cluster.query("SELECT id, name, mode, paused, removed_at FROM channels ORDER BY id")) ?? []
            print("--- channels:\n\(channels.joined(separator: "\n"))")
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }

    private func stop() async {
        for instance in started.withLock({ $0 }) { await instance.stop() }
        await telegram.stop()
    }

    private func seed() async throws {
        let config = try AppConfig.load(flags: settings, environment: [:])
        var logger = Logger(label: "cluster.setup")
        logger.logLevel = .warning
        let switchboard = try Switchboard(config: config, logger: logger)
        // The lowest bcrypt cost: signing in is set-up here, not what is tested.
        let hash = try await PasswordHasher(cost: 4).hash(Self.password)
        _ = try await switchboard.store.createOperator(
            OperatorDraft(login: Self.login, displayName: "Cluster Admin", role: .admin, passwordHash: hash),
            at: Date()
        )
        let admin = ChannelAdmin(switchboard: switchboard, config: config, actor: .system)
        _ = try await admin.addTelegram(
            .init(name: "cluster-telegram", token: Self.token, mode: .poll, apiURL: telegram.baseURL.absoluteString, personaName: "Desk")
        )
        try switchboard.store.close()
    }
}
