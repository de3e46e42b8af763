import Accounts
public import Foundation
import Logging
import MessengerFakes
import PostgresStore
import SwitchboardApp
import SwitchboardCore

/// The two-instance part of `bench ingest --database postgres://…`: two `serve` children of this
/// binary on the one PostgreSQL database, signed Viber callbacks posted to instance A at paced
/// rates, and an operator's inbox stream open on each instance, so every message's frame is timed
/// on B (through the database: NOTIFY, the event tail, B's bus) and on A (its own bus).
public struct TwoInstanceBenchmark: Sendable {
    /// What to run.
    public struct Options: Sendable {
        /// The database, checked empty before (`bench ingest` does), as a `postgres://` URL.
        public var postgresURL: String
        /// Messages per second posted to A, one rate after the other.
        public var rates: [Double] = [200, 1000]
        /// Length of each rate.
        public var rateSeconds = 5.0
        /// Keep-alive connections that post to A.
        public var connections = 64
        /// Distinct clients the messages come from.
        public var clients = 200
        /// How long to wait for both servers to go idle after a rate before the next one.
        public var drainTimeout = 120.0
        /// A new folder for the servers' logs, key file and channel manifests.
        public var directory: URL

        /// Creates options with the defaults.
        public init(postgresURL: String, directory: URL) {
            self.postgresURL = postgresURL
            self.directory = directory
        }
    }

    /// A server never got ready, or a stream never opened.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    let options: Options
    /// Progress lines; the command prints them.
    let progress: @Sendable (String) -> Void

    /// Creates the benchmark.
    public init(options: Options, progress: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.progress = progress
    }

    /// Starts the fake Viber and both servers, posts every rate, stops everything and checks the database.
    /// - Throws: when a server cannot be started, set up or signed in to.
    public func run() async throws -> TwoInstanceReport {
        try FileManager.default.createDirectory(at: options.directory.appendingPathComponent("channels"), withIntermediateDirectories: true)
        var configuration = FakeViber.Configuration()
        // The servers listen on plain http on loopback; the real Viber demands https.
        configuration.allowInsecureWebhooks = true
        let viber = try await FakeViber.start(configuration: configuration)
        do {
            let report = try await run(viber: viber)
            await viber.stop()
            return report
        } catch {
            await viber.stop()
            throw error
        }
    }

    private func run(viber: FakeViber) async throws -> TwoInstanceReport {
        let factory = ViberCallbackFactory(token: SwitchboardUnderTest.viberToken, clients: options.clients)
        await viber.addBot(token: SwitchboardUnderTest.viberToken, name: "Bench Desk", uri: "benchdesk")
        for (index, id) in factory.userIDs.enumerated() {
            let user = FakeViber.User(id: id, name: ViberCallbackFactory.userName(index), language: "uk")
            try await viber.addUser(bot: SwitchboardUnderTest.viberToken, user: user)
        }
        let ports = (a: try ServerProcess.freePort(), b: try ServerProcess.freePort())
        try await seed(settings: settings(port: ports.a, instance: "bench-a"), viber: viber)
        var servers: [ServerProcess] = []
        do {
            for (name, port) in [("a", ports.a), ("b", ports.b)] {
                let log = options.directory.appendingPathComponent("serve-\(name).log")
                progress("instance \(name.uppercased()): starting `serve` on 127.0.0.1:\(port) (log: \(log.path))")
                servers.append(
                    try ServerProcess(
                        name: "instance \(name.uppercased())",
                        arguments: ["serve"],
                        environment: ChildEnvironment.make(settings(port: port, instance: "bench-\(name)")),
                        port: port,
                        logFile: log
                    )
                )
            }
            let report = try await measure(a: servers[0], b: servers[1], viber: viber, factory: factory)
            for server in servers { await server.stop() }
            return report
        } catch {
            for server in servers { await server.stop() }
            throw error
        }
    }

    /// One instance's settings: its own port and name, everything else shared, as in a cluster.
    private func settings(port: Int, instance: String) -> [String: String] {
        let folder = options.directory
        return [
            "SWITCHBOARD_HOST": "127.0.0.1",
            "SWITCHBOARD_PORT": String(port),
            "SWITCHBOARD_DATABASE": options.postgresURL,
            "SWITCHBOARD_INSTANCE": instance,
            "SWITCHBOARD_PUBLIC_URL": "http://127.0.0.1:\(port)",
            "SWITCHBOARD_CHANNELS_DIR": folder.appendingPathComponent("channels").path,
            // One key and one media folder for both, as the cluster's README asks.
            "SWITCHBOARD_SECRET_KEY_FILE": folder.appendingPathComponent("switchboard.key").path,
            "SWITCHBOARD_MEDIA_DIR": folder.appendingPathComponent("media").path,
            // 200 clients writing a thousand messages a second are the point here, not a flood to mute.
            "SWITCHBOARD_FLOOD_MESSAGES": "10000",
            "SWITCHBOARD_FLOOD_WINDOW": "1",
        ]
    }

    /// Creates the admin and the Viber channel in the empty database, as `operator add` and `channel add` would.
    private func seed(settings: [String: String], viber: FakeViber) async throws {
        let config = try AppConfig.load(flags: settings, environment: [:])
        var logger = Logger(label: "bench.setup")
        logger.logLevel = .warning
        let switchboard = try Switchboard(config: config, logger: logger)
        do {
            // The lowest bcrypt cost: signing in is set-up, not what is measured.
            let hash = try await PasswordHasher(cost: 4).hash(SwitchboardUnderTest.password)
            _ = try await switchboard.store.createOperator(
                OperatorDraft(login: SwitchboardUnderTest.login, displayName: "Bench Admin", role: .admin, passwordHash: hash),
                at: Date()
            )
            _ = try await ChannelAdmin(switchboard: switchboard, config: config, actor: .system).addViber(
                .init(
                    name: SwitchboardUnderTest.channelName,
                    token: SwitchboardUnderTest.viberToken,
                    apiURL: viber.apiURL.absoluteString,
                    personaName: "Bench Desk"
                )
            )
            try switchboard.store.close()
        } catch {
            try? switchboard.store.close()
            throw error
        }
    }

    /// Waits for both servers, opens a stream on each, posts every rate to A and checks the database.
    private func measure(a: ServerProcess, b: ServerProcess, viber: FakeViber, factory: ViberCallbackFactory) async throws -> TwoInstanceReport {
        try await a.waitUntilAnswering("/healthz")
        try await b.waitUntilAnswering("/healthz")
        let deadline = ContinuousClock.now + .seconds(60)
        while await viber.webhookURL(bot: SwitchboardUnderTest.viberToken) == nil {
            guard ContinuousClock.now < deadline else { throw Failure(description: "no instance set its Viber webhook") }
            try await Task.sleep(for: .milliseconds(100))
        }
        // Sessions live in the database: the cookie B issued is good on A too.
        let cookie = try await SwitchboardUnderTest.signIn(port: b.port)
        let ledger = DeliveryLedger()
        let ledgerOfA = DeliveryLedger(sharingClockWith: ledger)
        let onB = StreamListener(ledger: ledger)
        let onA = StreamListener(ledger: ledgerOfA)
        let listeningOnB = Task { try await onB.run(port: b.port, sessionCookie: cookie) }
        let listeningOnA = Task { try await onA.run(port: a.port, sessionCookie: cookie) }
        defer {
            listeningOnA.cancel()
            listeningOnB.cancel()
        }
        let opened = ContinuousClock.now + .seconds(30)
        while !(onA.isOpen && onB.isOpen) {
            guard ContinuousClock.now < opened else { throw Failure(description: "the inbox streams did not open within 30 s") }
            try await Task.sleep(for: .milliseconds(50))
        }
        _ = try await a.waitUntilIdle(timeout: .seconds(30))
        _ = try await b.waitUntilIdle(timeout: .seconds(30))
        progress("both instances up, signed in, a stream open on each; posting to A")
        let flooder = Flooder(
            port: a.port,
            path: "/webhooks/viber/\(SwitchboardUnderTest.channelName)",
            connections: options.connections,
            factory: factory,
            ledger: ledger,
            numbers: Counter()
        )
        var phases: [TwoInstanceReport.Phase] = []
        for (index, rate) in options.rates.enumerated() {
            _ = await flooder.openLoop(phase: index, rate: rate, seconds: options.rateSeconds)
            try await awaitFrames(phase: index, ledger: ledger, ledgerOfA: ledgerOfA)
            // The next rate starts on quiet servers: automation and the outbox finish this one's follow-ups.
            _ = try await a.waitUntilIdle(timeout: .seconds(options.drainTimeout))
            _ = try await b.waitUntilIdle(timeout: .seconds(options.drainTimeout))
            let records = ledger.snapshot().filter { $0.value.phase == index }
            let phase = TwoInstanceReport.Phase(rate: rate, records: records, framesOnA: ledgerOfA.snapshot())
            progress(Self.describe(phase))
            phases.append(phase)
        }
        onA.close()
        onB.close()
        for (name, listening) in [("A", listeningOnA), ("B", listeningOnB)] {
            do {
                try await listening.value
            } catch {
                progress("the inbox stream on \(name) ended with \(error)")
            }
        }
        let records = ledger.snapshot()
        let framesOnA = ledgerOfA.snapshot()
        let stored = Measured.countMarkers(try await PostgresBenchDatabase.inboundTexts(PostgresLocation(url: options.postgresURL)))
        return TwoInstanceReport(
            phases: phases,
            checkOnB: DeliveryCheck(records: records, stored: stored, streamed: true),
            checkOnA: DeliveryCheck(records: TwoInstanceReport.framedOnA(records: records, framesOnA: framesOnA), stored: stored, streamed: true)
        )
    }

    /// Waits until every acknowledged message of `phase` has a frame on both streams, for at most 30 s
    /// (what is still missing then is reported as never streamed).
    private func awaitFrames(phase: Int, ledger: DeliveryLedger, ledgerOfA: DeliveryLedger) async throws {
        let deadline = ledger.now() + 30
        while ledger.now() < deadline {
            let acknowledged = ledger.snapshot().filter { $0.value.phase == phase && $0.value.isAcknowledged }.keys
            let framesOnA = ledgerOfA.snapshot()
            if ledger.awaitingFrames(phase: phase) == 0, acknowledged.allSatisfy({ framesOnA[$0] != nil }) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    static func describe(_ phase: TwoInstanceReport.Phase) -> String {
        func ms(_ value: Double) -> String { String(format: "%.1f", value) }
        return "  \(Int(phase.rate)) msg/s: \(phase.acknowledged)/\(phase.sent) acknowledged by A at \(Int(phase.throughput.rounded())) msg/s, "
            + "answer -> frame on B p50 \(ms(phase.answerToB.p50)) p99 \(ms(phase.answerToB.p99)) max \(ms(phase.answerToB.max)) ms, "
            + "on A p99 \(ms(phase.answerToA.p99)) ms"
    }
}
