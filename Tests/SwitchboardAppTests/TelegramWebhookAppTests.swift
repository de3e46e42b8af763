import CurlHTTP
import Foundation
import MessengerFakes
import SQLiteStore
import Secrets
import SwitchboardApp
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

@Suite struct TelegramWebhookAppTests {
    let user = FakeTelegram.User(id: 5_000_000_043, firstName: "Taras", languageCode: "uk")

    func post(_ harness: TelegramAppHarness, path: String, secret: String?, body: Data) async throws -> CurlHTTP.HTTPResponse {
        var headers: [(name: String, value: String)] = []
        if let secret { headers.append(("X-Telegram-Bot-Api-Secret-Token", secret)) }
        return try await harness.client.send(.init(method: .post, url: harness.baseURL + path, headers: headers, body: .json(body)))
    }

    @Test func fakeTelegramDeliversByWebhookToTheRealServer() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        _ = try await harness.addChannel(mode: .webhook)
        let calls = await harness.telegram.calls(bot: TelegramAppHarness.token, method: "setWebhook")
        #expect(calls.last?.parameters["url"] == harness.baseURL + "/webhooks/telegram/support-tg")
        let secret = try #require(calls.last?.parameters["secret_token"])
        #expect(secret.count >= 32)

        try await harness.serving { switchboard in
            // Refusals over real HTTP: nothing is stored for any of them.
            let update = Data(#"{"update_id":1,"message":{"message_id":1,"date":0,"chat":{"id":1,"type":"private"},"text":"forged"}}"#.utf8)
            // The channel registers its endpoint as it starts, just after the server is healthy.
            try await eventually("the endpoint is registered") {
                try await post(harness, path: "/webhooks/telegram/support-tg", secret: nil, body: update).status != 404
            }
            #expect(try await post(harness, path: "/webhooks/telegram/support-tg", secret: nil, body: update).status == 401)
            #expect(try await post(harness, path: "/webhooks/telegram/support-tg", secret: "guess", body: update).status == 403)
            #expect(try await post(harness, path: "/webhooks/telegram/support-tg", secret: secret, body: Data("{oops".utf8)).status == 400)
            #expect(try await post(harness, path: "/webhooks/telegram/nobody", secret: secret, body: update).status == 404)
            let huge = Data(repeating: UInt8(ascii: " "), count: (1 << 20) + 1)
            let tooBig = try await post(harness, path: "/webhooks/telegram/support-tg", secret: secret, body: huge)
            #expect(tooBig.status == 413)
            #expect(String(decoding: tooBig.body, as: UTF8.self).contains("body_too_large"))
            #expect(try await switchboard.store.conversation(ConversationID(1)) == nil)

            // The fake's own webhook delivery (with its retries until the endpoint is registered).
            try await harness.telegram.sendUserMessage(bot: TelegramAppHarness.token, from: user, text: "hello by webhook")
            try await eventually("webhook update stored") { try await switchboard.store.messages(in: ConversationID(1)).count == 1 }
            try await eventually("acknowledged") { await harness.telegram.pendingUpdateCount(bot: TelegramAppHarness.token) == 0 }
            #expect(try await switchboard.store.messages(in: ConversationID(1)).first?.text == "hello by webhook")
        }
    }

    @Test func switchingModeCallsTelegramAndStoresTheNewSecret() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        _ = try await harness.addChannel(mode: .poll)
        let switchboard = try Switchboard(config: harness.config, logger: harness.logs.logger())
        let admin = ChannelAdmin(switchboard: switchboard, config: harness.config, actor: .system)

        let webhook = try await admin.setMode(channelName: "support-tg", to: .webhook)
        #expect(webhook.mode == .webhook)
        let secret = try #require(await harness.telegram.calls(bot: TelegramAppHarness.token, method: "setWebhook").last?.parameters["secret_token"])
        let sealed = try #require(try await switchboard.store.channelCredentials(webhook.id)?.webhookSecretCiphertext)
        #expect(try switchboard.secrets.open(sealed) == secret)

        let polling = try await admin.setMode(channelName: "support-tg", to: .poll)
        #expect(polling.mode == .poll)
        #expect(await harness.telegram.calls(bot: TelegramAppHarness.token, method: "deleteWebhook").count == 2)
        #expect(try await switchboard.store.channelCredentials(polling.id)?.webhookSecretCiphertext == nil)
        await #expect(throws: ChannelAdminError.self) { try await admin.setMode(channelName: "nope", to: .poll) }
    }
}
