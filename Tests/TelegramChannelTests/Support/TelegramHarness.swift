import CurlHTTP
import Foundation
import Logging
import MessengerFakes
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TelegramChannel
import TestSupport

/// A fake Telegram, a real SQLite store with one Telegram channel, and the real router between them.
struct TelegramHarness {
    static let token = "7000000001:AAH-test-token-0123456789abcdefXYZ"

    let telegram: FakeTelegram
    let fixture: StoreFixture
    let bus: InProcessEventBus
    let router: InboundRouter
    let transport: CurlTransport
    let api: TelegramBotAPI
    let logs = LogCapture()

    init(configuration: FakeTelegram.Configuration = .init()) async throws {
        telegram = try await FakeTelegram.start(configuration: configuration)
        await telegram.addBot(token: Self.token, username: "desk_bot", firstName: "Desk")
        fixture = try await StoreFixture()
        bus = InProcessEventBus(log: fixture.store)
        router = InboundRouter(store: fixture.store, bus: bus, logger: Logger(label: "router"))
        transport = CurlTransport(configuration: .init(maxConcurrentRequests: 8))
        api = TelegramBotAPI(token: Self.token, endpoint: .init(baseURL: telegram.baseURL.absoluteString), transport: transport)
    }

    var channelID: ChannelID { fixture.channel.id }
    var inspector: DatabaseInspector { get throws { try DatabaseInspector(path: fixture.path) } }

    /// The inbound path into `sink` (the router unless a test wraps it).
    func processor(sink: (any InboundSink)? = nil, media: (any MediaStore)? = nil) -> TelegramUpdateProcessor {
        TelegramUpdateProcessor(channelID: channelID, api: api, sink: sink ?? router, media: media, logger: logs.logger())
    }

    /// A poller with a short poll timeout, so a cancelled test never waits long.
    func poller(sink: (any InboundSink)? = nil, media: (any MediaStore)? = nil) -> TelegramPoller {
        var configuration = TelegramPoller.Configuration()
        configuration.pollTimeout = 1
        configuration.baseBackoff = .milliseconds(50)
        configuration.maxBackoff = .milliseconds(200)
        return TelegramPoller(
            name: "support",
            api: api,
            processor: processor(sink: sink, media: media),
            configuration: configuration,
            logger: logs.logger()
        )
    }

    /// Stored message texts in storage order.
    func storedTexts() async throws -> [String] {
        var texts: [(MessageID, String)] = []
        for conversation in try conversationIDs() {
            texts += try await fixture.store.messages(in: conversation).map { ($0.id, $0.text) }
        }
        return texts.sorted { $0.0 < $1.0 }.map(\.1)
    }

    private func conversationIDs() throws -> [ConversationID] {
        let count = try inspector.count("conversations")
        return count == 0 ? [] : (1...count).map { ConversationID(Int64($0)) }
    }

    func stop() async {
        await telegram.stop()
        transport.shutdown()
        fixture.directory.remove()
    }

    /// A Telegram user numbered `n`.
    static func user(_ n: Int) -> FakeTelegram.User {
        FakeTelegram.User(id: 5_000_000_000 + Int64(n), firstName: "Client \(n)", username: "client\(n)", languageCode: "uk")
    }
}
