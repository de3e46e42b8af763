import Foundation
import Logging
import MessengerFakes
public import ServiceLifecycle

/// Simulated clients who write to the demo bot from time to time, until graceful shutdown.
///
/// Each message goes through the fake Telegram exactly as a real user's would: the Telegram
/// channel polls it, the router stores it, the inbox shows it.
struct DemoClients: Service {
    let telegram: FakeTelegram
    let botToken: String
    let viber: FakeViber
    let viberToken: String
    let clients: [DemoScript.Client]
    /// Pause between two messages; the demo feels alive without flooding the inbox.
    let interval: ClosedRange<Double>
    let logger: Logger

    func run() async throws {
        guard !clients.isEmpty else { return try await gracefulShutdown() }
        try? await cancelWhenGracefulShutdown {
            var progress = Array(repeating: 0, count: clients.count)
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(Double.random(in: interval)))
                // Prefer clients with lines left; once everyone is done, start the stories over.
                let waiting = clients.indices.filter { progress[$0] < clients[$0].lines.count }
                if waiting.isEmpty { progress = Array(repeating: 0, count: clients.count) }
                let index = waiting.randomElement() ?? 0
                let client = clients[index]
                let text = client.lines[progress[index] % client.lines.count]
                progress[index] += 1
                do {
                    try await write(text, as: client)
                } catch {
                    logger.warning("demo client could not write", metadata: ["error": "\(error)"])
                }
            }
        }
    }

    /// Sends one line the way the client's messenger would deliver it.
    private func write(_ text: String, as client: DemoScript.Client) async throws {
        switch client.messenger {
        case .telegram:
            let user = FakeTelegram.User(
                id: client.userID,
                firstName: client.firstName,
                lastName: client.lastName,
                username: client.username,
                languageCode: client.languageCode
            )
            try await telegram.sendUserMessage(bot: botToken, from: user, text: text)
        case .viber:
            // Viber user ids are opaque base64-like strings.
            let id = Data("demo-\(client.userID)".utf8).base64EncodedString()
            let name = [client.firstName, client.lastName].compactMap { $0 }.joined(separator: " ")
            let user = FakeViber.User(id: id, name: name, language: client.languageCode)
            _ = try await viber.userSends(bot: viberToken, user: user, message: .text(text))
        }
    }
}
