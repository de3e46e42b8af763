import Foundation
import MessengerFakes

/// The in-process fake messengers of the demo, on loopback, with the demo's bots added.
struct DemoFakes {
    let telegram: FakeTelegram
    let viber: FakeViber

    /// Starts both fakes and adds the demo's bots.
    /// - Throws: when a fake cannot bind.
    static func start() async throws -> DemoFakes {
        let telegram = try await FakeTelegram.start()
        await telegram.addBot(token: Demo.telegramToken, username: Demo.telegramUsername, firstName: "Switchboard Demo")
        await telegram.addBot(token: Demo.spareTelegramToken, username: "switchboard_spare_bot", firstName: "Spare Demo Bot")
        var viberConfiguration = FakeViber.Configuration()
        // The demo serves plain http on loopback; the real Viber demands https.
        viberConfiguration.allowInsecureWebhooks = true
        let viber: FakeViber
        do {
            viber = try await FakeViber.start(configuration: viberConfiguration)
        } catch {
            await telegram.stop()
            throw error
        }
        await viber.addBot(token: Demo.viberToken, name: "Switchboard Demo", uri: "switchboarddemo")
        return DemoFakes(telegram: telegram, viber: viber)
    }

    /// Stops both fakes.
    func stop() async {
        await telegram.stop()
        await viber.stop()
    }
}
