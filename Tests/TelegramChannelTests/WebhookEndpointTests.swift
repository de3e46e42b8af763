import CurlHTTP
import Foundation
import MessengerFakes
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TelegramChannel
import TestSupport
import Testing

@Suite struct WebhookEndpointTests {
    static let secret = "Zk3_secret-token-from-setWebhook"

    func post(_ harness: TelegramHarness, body: Data, secret: String?, sink: (any InboundSink)? = nil) async -> WebhookResponse {
        let endpoint = TelegramWebhookEndpoint(secret: Self.secret, processor: harness.processor(sink: sink), logger: harness.logs.logger())
        var headers = ["content-type": "application/json"]
        headers[TelegramWebhookEndpoint.secretHeader] = secret
        return await endpoint.handle(WebhookRequest(headers: headers, body: body))
    }

    @Test func missingSecretIs401AndStoresNothing() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let response = await post(harness, body: try Fixtures.data("text"), secret: nil)
        #expect(response.status == 401)
        #expect(response.errorCode == "missing_secret")
        #expect(try harness.inspector.ingestCounts().values.allSatisfy { $0 == 0 })
    }

    @Test(arguments: ["wrong", "", String(secret.dropLast()), secret + "x", secret.uppercased()])
    func wrongSecretIs403AndStoresNothing(presented: String) async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let response = await post(harness, body: try Fixtures.data("text"), secret: presented)
        #expect(response.status == 403)
        #expect(response.errorCode == "forged")
        #expect(try harness.inspector.ingestCounts().values.allSatisfy { $0 == 0 })
    }

    @Test func bodyIsNotParsedBeforeTheSecretIsChecked() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        // Malformed JSON with a wrong secret is refused for the secret, not for the JSON.
        #expect(await post(harness, body: Data("{nope".utf8), secret: "wrong").status == 403)
    }

    @Test(arguments: ["{nope", "[1,2,3]", "", "{\"message\":{}}"])
    func malformedJSONIs400(body: String) async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let response = await post(harness, body: Data(body.utf8), secret: Self.secret)
        #expect(response.status == 400)
        #expect(try harness.inspector.count("messages") == 0)
    }

    @Test func validUpdateIsCommittedBefore200() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let sink = RecordingSink(harness.router)
        let response = await post(harness, body: try Fixtures.data("text"), secret: Self.secret, sink: sink)
        #expect(response.status == 200)
        // The commit happened before the answer: it is visible the moment 200 is returned.
        #expect(sink.newKeys == ["7000000001:700000001"])
        #expect(try await harness.storedTexts() == ["Hello, my order is late"])

        let again = await post(harness, body: try Fixtures.data("text"), secret: Self.secret, sink: sink)
        #expect(again.status == 200, "a redelivery is acknowledged")
        #expect(try harness.inspector.count("messages") == 1)
    }

    @Test func failedCommitIs500SoTelegramRetries() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let sink = RecordingSink(harness.router)
        sink.failNext(1)
        #expect(await post(harness, body: try Fixtures.data("text"), secret: Self.secret, sink: sink).status == 500)
        #expect(await post(harness, body: try Fixtures.data("text"), secret: Self.secret, sink: sink).status == 200)
        #expect(try harness.inspector.count("messages") == 1)
    }

    @Test func callbackQueryIsAnsweredAfterTheCommit() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        // The fake accepts an answer only for a query it delivered, so inject it through the fake first.
        let injected = try await harness.telegram.sendCallbackQuery(
            bot: TelegramHarness.token,
            from: TelegramHarness.user(1),
            data: "csat:5",
            messageId: 1
        )
        let response = await post(harness, body: injected.json, secret: Self.secret)
        #expect(response.status == 200)
        let answers = await harness.telegram.calls(bot: TelegramHarness.token, method: "answerCallbackQuery")
        #expect(answers.count == 1)
        #expect(try await harness.storedTexts() == ["csat:5"])
    }

}
