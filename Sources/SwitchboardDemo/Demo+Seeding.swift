public import Logging
import MessengerFakes
public import SwitchboardApp

extension Demo {
    /// A demo account: how to sign in.
    public struct Account: Sendable, Equatable {
        public let login: String
        public let password: String
    }

    /// Seeds the desk `switchboard demo` starts with (accounts, the two channels, three weeks of
    /// history) into the new database `config` names, then returns without serving: a realistic
    /// desk for checks that need one, such as copying it to PostgreSQL.
    ///
    /// The channels point at fake messengers that stop when this returns, so a server later run on
    /// the database shows them failing to connect.
    /// - Returns: the demo accounts.
    /// - Throws: when a fake cannot bind, the database cannot be opened, or seeding fails.
    public static func seed(_ config: AppConfig, logger: Logger) async throws -> [Account] {
        let fakes = try await DemoFakes.start()
        do {
            let switchboard = try Switchboard(config: config, logger: logger)
            let seeded = try await DemoSeed(switchboard: switchboard, config: config, logger: logger)
                .run(telegramURL: fakes.telegram.baseURL, telegramToken: telegramToken, viberURL: fakes.viber.apiURL, viberToken: viberToken)
            try switchboard.store.close()
            await fakes.stop()
            return seeded.accounts.map { Account(login: $0.login, password: $0.password) }
        } catch {
            await fakes.stop()
            throw error
        }
    }
}
