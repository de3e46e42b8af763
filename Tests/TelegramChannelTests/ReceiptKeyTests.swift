import CurlHTTP
import Foundation
import MessengerFakes
import SwitchboardCore
import TelegramChannel
import TestSupport
import Testing

/// `update_id` counts per bot, so the receipt that makes ingestion idempotent names the bot too.
@Suite struct ReceiptKeyTests {
    static func update(_ id: Int64, chat: Int64, text: String) throws -> JSONValue {
        let json =
            #"{"update_id":\#(id),"message":{"message_id":1,"from":{"id":\#(chat),"is_bot":false,"first_name":"C"},"#
            + #""chat":{"id":\#(chat),"first_name":"C","type":"private"},"date":1767225600,"text":"\#(text)"}}"#
        return try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
    }

    @Test func anotherBotsUpdateWithANumberAlreadySeenIsStored() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let otherBot = TelegramBotAPI(
            token: "7000000002:AAH-other-bot-token-0123456789abcd",
            endpoint: .init(baseURL: harness.telegram.baseURL.absoluteString),
            transport: harness.transport
        )
        let other = TelegramUpdateProcessor(
            channelID: harness.channelID,
            api: otherBot,
            sink: harness.router,
            media: nil,
            logger: harness.logs.logger()
        )

        try await harness.processor().process(try Self.update(100, chat: 5_000_000_001, text: "from the first bot"))
        try await other.process(try Self.update(100, chat: 5_000_000_002, text: "from the second bot"))
        try await harness.processor().process(try Self.update(100, chat: 5_000_000_001, text: "from the first bot"))

        #expect(try await harness.storedTexts() == ["from the first bot", "from the second bot"])
    }

    @Test func theKeyIsTheBotIDAndTheUpdateID() throws {
        let mapper = TelegramUpdateMapper(channelID: ChannelID(1), botID: BotTokenIdentity.telegramBotID(of: TelegramHarness.token))
        let mapped = try #require(mapper.map(try Self.update(42, chat: 5, text: "hi"), receivedAt: Date()))
        #expect(mapped.event.deliveryKey == "7000000001:42")
    }
}
