import CurlHTTP
import Foundation
import MessengerFakes
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TelegramChannel
import TestSupport
import Testing

@Suite struct BotAPIClientTests {
    @Test func getMeNamesTheBot() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let bot = try await harness.api.getMe()
        #expect(bot == TelegramBotIdentity(id: 7_000_000_001, username: "desk_bot", firstName: "Desk"))
    }

    @Test func wrongTokenIs401WithoutTheTokenInAnyText() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let secretToken = "123:wrong-token-never-printed"
        let api = TelegramBotAPI(token: secretToken, endpoint: .init(baseURL: harness.telegram.baseURL.absoluteString), transport: harness.transport)
        let error = await #expect(throws: TelegramAPIError.self) { try await api.getMe() }
        #expect(error?.code == 401)
        #expect(!"\(String(describing: error)) \(api)".contains("wrong-token"))
    }

    @Test func unreachableServerIsATransportErrorWithoutTheToken() async throws {
        let port = try Socket.closedPort()
        let transport = CurlTransport()
        defer { transport.shutdown() }
        let api = TelegramBotAPI(token: TelegramHarness.token, endpoint: .init(baseURL: "http://127.0.0.1:\(port)"), transport: transport)
        let error = await #expect(throws: TelegramAPIError.self) { try await api.getMe() }
        #expect(!String(describing: error).contains("AAH-test-token"))
        #expect(error?.deliveryFailure.isTransient == true)
    }

    @Test(arguments: [
        (FakeTelegram.Fault.tooManyRequests(retryAfter: 7), DeliveryFailure.retryAfter(seconds: 7, reason: "Too Many Requests: retry after 7")),
        (.forbiddenBlocked, .permanent(reason: "Forbidden: bot was blocked by the user", recipientUnreachable: true)),
    ])
    func faultsMapToDeliveryFailures(fault: FakeTelegram.Fault, expected: DeliveryFailure) async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        try await harness.telegram.failNext(bot: TelegramHarness.token, method: "sendMessage", with: fault)
        let adapter = TelegramAdapter(api: harness.api, media: nil)
        let message = OutboundMessage(
            messageID: MessageID(1),
            channelID: harness.channelID,
            recipientExternalID: "5000000001",
            text: "hi",
            sender: Persona(name: "Maria"),
            isFromOperator: true
        )
        await #expect(throws: expected) { try await adapter.send(message) }
    }

    @Test(arguments: [FakeTelegram.Fault.serverError(502), .dropConnection])
    func serverTroubleIsTransient(fault: FakeTelegram.Fault) async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        try await harness.telegram.failNext(bot: TelegramHarness.token, method: "getMe", with: fault)
        let error = await #expect(throws: TelegramAPIError.self) { try await harness.api.getMe() }
        #expect(error?.deliveryFailure.isTransient == true)
    }

    @Test func badRequestIsPermanentButNotUnreachable() {
        let error = TelegramAPIError.api(code: 400, description: "Bad Request: chat not found", retryAfter: nil, migrateToChatID: nil)
        #expect(error.deliveryFailure == .permanent(reason: "Bad Request: chat not found", recipientUnreachable: false))
    }

    @Test func anUpgradedGroupNamesWhereTheRecipientMoved() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let member = FakeTelegram.User(id: 5_000_000_077, firstName: "Anna")
        try await harness.telegram.addGroup(id: -4001, title: "Acme", members: [member])
        try await harness.telegram.migrateGroup(bot: TelegramHarness.token, group: -4001, toSupergroup: -1_001_234_567_890, by: member)
        let message = OutboundMessage(
            messageID: MessageID(1),
            channelID: ChannelID(1),
            recipientExternalID: "-4001",
            text: "hello",
            sender: Persona(name: "Desk"),
            isFromOperator: false
        )
        let adapter = TelegramAdapter(api: harness.api, media: nil)
        let expected = DeliveryFailure.recipientMoved(
            toExternalID: "-1001234567890",
            reason: "Bad Request: group chat was upgraded to a supergroup chat"
        )
        await #expect(throws: expected) { try await adapter.send(message) }
    }
}

extension DeliveryFailure {
    var isTransient: Bool {
        if case .transient = self { return true }
        return false
    }
}
