import Foundation
import Hummingbird
public import Logging
import MessengerFakes
import ServiceLifecycle
public import SwitchboardApp
import UnixSignals

/// `switchboard demo`: Switchboard on a fresh database, wired to in-process fake messengers,
/// with demo accounts and simulated clients, so the whole product runs without a real bot.
public enum Demo {
    /// What `switchboard demo` was asked for.
    public struct Settings: Sendable {
        /// Host, port and database of the demo server.
        public var config: AppConfig
        /// How many simulated clients write from time to time (0 for tests).
        public var clients: Int
        /// Seconds between two simulated messages.
        public var interval: ClosedRange<Double>

        /// Creates settings.
        public init(config: AppConfig, clients: Int = 4, interval: ClosedRange<Double> = 6...15) {
            self.config = config
            self.clients = clients
            self.interval = interval
        }
    }

    /// The fake bot's token: it only ever reaches the in-process fake Telegram.
    static let telegramToken = "7000000001:DEMO-fake-telegram-token"
    static let telegramUsername = "switchboard_demo_bot"
    /// A second fake bot, not connected: paste its token on the channels page to try connecting a bot.
    static let spareTelegramToken = "7000000002:DEMO-spare-fake-telegram-token"
    /// The fake Viber bot's token: it only ever reaches the in-process fake Viber.
    static let viberToken = "4f2a-demo-fake-viber-token-0001"

    /// Starts the fakes, seeds the demo data and runs until SIGINT/SIGTERM.
    /// - Throws: when a fake cannot bind, the database cannot be opened, or seeding fails.
    public static func run(_ settings: Settings, logger: Logger) async throws {
        let fakes = try await DemoFakes.start()
        let telegram = fakes.telegram
        let viber = fakes.viber
        do {
            let control = DemoControlController<AppRequestContext>(
                telegram: telegram,
                botToken: telegramToken,
                spareBotToken: spareTelegramToken
            )
            let viberControl = DemoViberControlController<AppRequestContext>(viber: viber, botToken: viberToken)
            // The fake Viber fetches operators' files on loopback, so the default public URL reaches it.
            var config = settings.config
            config.publicURLIsSet = true
            let (app, switchboard) = try buildApplication(
                config: config,
                logger: logger,
                extraRoutes: [control.routes, viberControl.routes]
            )
            let seeded = try await DemoSeed(switchboard: switchboard, config: config, logger: logger)
                .run(telegramURL: telegram.baseURL, telegramToken: telegramToken, viberURL: viber.apiURL, viberToken: viberToken)
            // Written straight to the file handle: print() is block-buffered when stdout is a pipe or log.
            FileHandle.standardOutput.write(Data((banner(settings: settings, seeded: seeded, telegramURL: telegram.baseURL) + "\n").utf8))
            var services: [any Service] = [app]
            if settings.clients > 0 {
                let cast = Array(DemoScript.clients.prefix(settings.clients))
                services.append(
                    DemoClients(
                        telegram: telegram,
                        botToken: telegramToken,
                        viber: viber,
                        viberToken: viberToken,
                        clients: cast,
                        interval: settings.interval,
                        logger: logger
                    )
                )
            }
            let group = ServiceGroup(
                configuration: .init(
                    services: services.map { .init(service: $0) },
                    gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: logger
                )
            )
            try await group.run()
        } catch {
            await fakes.stop()
            throw error
        }
        await fakes.stop()
    }

    static func banner(settings: Settings, seeded: DemoSeed.Result, telegramURL: URL) -> String {
        let url = "http://\(settings.config.host == "0.0.0.0" ? "127.0.0.1" : settings.config.host):\(settings.config.port)/"
        var lines = [
            "",
            "Switchboard demo is running at \(url)",
            "  database        \(settings.config.databasePath)",
            "  fake messengers @\(telegramUsername) on Telegram and a Viber bot (in-process): \(seeded.channels.joined(separator: ", "))",
            "  simulated clients \(settings.clients == 0 ? "off" : "\(min(settings.clients, DemoScript.clients.count)) writing every few seconds")",
            "",
            "Sign in with:",
        ]
        for account in seeded.accounts {
            lines.append(
                "  \(account.login.padding(toLength: 10, withPad: " ", startingAt: 0)) \(account.password.padding(toLength: 16, withPad: " ", startingAt: 0)) \(account.role)"
            )
        }
        lines.append("")
        lines.append(
            "Play a Telegram user:  curl -X POST \(url)demo/telegram/users/42/messages -H 'Content-Type: application/json' -d '{\"text\":\"hi\",\"firstName\":\"Ann\"}'"
        )
        lines.append(
            "Try connecting a bot: sign in as admin, open Channels, paste the token \(spareTelegramToken) with API URL \(telegramURL.absoluteString)"
        )
        lines.append("Stop with Ctrl-C.")
        return lines.joined(separator: "\n")
    }
}
