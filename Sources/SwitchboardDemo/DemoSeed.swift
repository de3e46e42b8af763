import Accounts
import Foundation
import Logging
import SwitchboardApp
import SwitchboardCore

/// Creates what the demo needs in its fresh database: the channels, the accounts and a few weeks of history.
struct DemoSeed {
    /// A demo account, printed for the newcomer.
    struct Account: Sendable {
        let login: String
        let displayName: String
        let password: String
        let role: OperatorRole
    }

    /// What was created.
    struct Result: Sendable {
        let accounts: [Account]
        let channels: [String]
    }

    /// The demo's accounts. Fixed passwords: the demo binds to loopback and holds no real data.
    static let accounts = [
        Account(login: "admin", displayName: "Alex Admin", password: "demo-admin", role: .admin),
        Account(login: "anna", displayName: "Anna", password: "demo-anna", role: .operator),
        Account(login: "bohdan", displayName: "Bohdan", password: "demo-bohdan", role: .operator),
        Account(login: "sofia", displayName: "Sofia Supervisor", password: "demo-sofia", role: .supervisor),
    ]

    let switchboard: Switchboard
    let config: AppConfig
    let logger: Logger

    /// Creates the accounts and connects the demo channels to the fakes.
    /// - Throws: when the store refuses an account or a channel cannot be connected.
    func run(telegramURL: URL, telegramToken: String, viberURL: URL, viberToken: String) async throws -> Result {
        let hasher = PasswordHasher()
        for account in Self.accounts {
            let hash = try await hasher.hash(account.password)
            _ = try await switchboard.store.createOperator(
                OperatorDraft(login: account.login, displayName: account.displayName, role: account.role, passwordHash: hash),
                at: switchboard.clock.now()
            )
        }
        let telegram = try await connectTelegram(url: telegramURL, token: telegramToken)
        let viber = try await connectViber(url: viberURL, token: viberToken)
        let past = try await DemoHistory(store: switchboard.store, now: switchboard.clock.now()).seed()
        logger.info("demo history seeded", metadata: ["conversations": "\(past)", "days": "\(DemoHistory.days)"])
        return Result(accounts: Self.accounts, channels: [telegram, viber])
    }

    /// Adds the demo bot exactly as `switchboard channel add telegram` would, pointed at the fake.
    private func connectTelegram(url: URL, token: String) async throws -> String {
        let request = ChannelAdmin.TelegramRequest(
            name: "demo-telegram",
            token: token,
            mode: .poll,
            apiURL: url.absoluteString,
            personaName: "Switchboard Demo"
        )
        let channel = try await ChannelAdmin(switchboard: switchboard, config: config, actor: .system).addTelegram(request)
        return "\(channel.name) (polling)"
    }

    /// Adds the demo Viber bot as `switchboard channel add viber` would; its webhook is set once `serve` listens.
    private func connectViber(url: URL, token: String) async throws -> String {
        let request = ChannelAdmin.ViberRequest(
            name: "demo-viber",
            token: token,
            apiURL: url.absoluteString,
            personaName: "Switchboard Demo",
            welcomeText: "Hello! Write your question here and a person will answer."
        )
        let channel = try await ChannelAdmin(switchboard: switchboard, config: config, actor: .system).addViber(request)
        return "\(channel.name) (webhook)"
    }
}
