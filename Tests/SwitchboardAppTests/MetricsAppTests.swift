import CurlHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MessengerFakes
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import SwitchboardEngine
import Synchronization
import TestSupport
import Testing

@Suite struct MetricsAppTests {
    /// The value of one sample line (`name{labels} value`) of a Prometheus exposition, if present.
    static func sample(_ exposition: String, _ series: String) -> Double? {
        for line in exposition.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    static func scrape(_ harness: InboxHarness, _ client: any TestClientProtocol) async throws -> String {
        let reply = try await harness.send(client, .get, "/metrics")
        #expect(reply.status == .ok)
        #expect(reply.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
        return String(decoding: reply.body, as: UTF8.self)
    }

    @Test func messagesInOutFailuresAndQueuesAreCountedPerChannel() async throws {
        try await InboxHarness.run { harness, client in
            let maria = try await harness.addOperator("maria")
            let adapter = ScriptedAdapter(script: [.failure(.permanent(reason: "Forbidden: bot was blocked by the user", recipientUnreachable: true))]
            )
            await harness.switchboard.adapters.register(adapter, for: harness.channel.id)
            let first = try await harness.clientWrites("hello", from: "u-1")
            try await harness.clientWrites("still there?", from: "u-1")
            let second = try await harness.clientWrites("another client", from: "u-2")

            try await eventually("three in") {
                Self.sample(try await Self.scrape(harness, client), #"switchboard_messages_in_total{channel="support"}"#) == 3
            }
            var metrics = try await Self.scrape(harness, client)
            #expect(Self.sample(metrics, "switchboard_conversations_waiting") == 2)

            // The first reply fails for good (the script), the second one is sent.
            _ = try await harness.switchboard.replies.send(ReplyDraft(conversationID: first, operatorID: maria.id, text: "Hi"))
            _ = try await harness.switchboard.replies.send(ReplyDraft(conversationID: second, operatorID: maria.id, text: "Hello"))
            try await eventually("one sent, one failed") {
                let text = try await Self.scrape(harness, client)
                return Self.sample(text, #"switchboard_messages_out_total{channel="support"}"#) == 1
                    && Self.sample(text, #"switchboard_delivery_failures_total{channel="support"}"#) == 1
            }
            metrics = try await Self.scrape(harness, client)
            #expect(Self.sample(metrics, "switchboard_outbox_pending") == 0)
            _ = try await harness.switchboard.store.assign(first, to: maria.id, by: maria.id, note: nil, at: Date())
            #expect(Self.sample(try await Self.scrape(harness, client), "switchboard_conversations_waiting") == 1)
        }
    }

    @Test func openInboxStreamsAreAGauge() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            let maria = try await harness.signIn(client, "maria")
            let seenWhileOpen = Mutex<Double?>(nil)
            _ = try await StreamTests.listen(
                client,
                maria,
                onHello: {
                    let text = (try? await Self.scrape(harness, client)) ?? ""
                    seenWhileOpen.withLock { $0 = Self.sample(text, "switchboard_websocket_connections") }
                    _ = try? await harness.clientWrites("ping")
                }
            ) { frames in frames.contains { $0.text == "ping" } }
            #expect(seenWhileOpen.withLock { $0 } == 1)
            try await eventually("closed stream counted down") {
                Self.sample(try await Self.scrape(harness, client), "switchboard_websocket_connections") == 0
            }
        }
    }

    @Test func webhookHandlingTimeIsAHistogramPerMessengerAndOutcome() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        _ = try await harness.addChannel(mode: .webhook)
        try await harness.serving { switchboard in
            let forged = Data(#"{"update_id":1,"message":{"message_id":1,"date":0,"chat":{"id":1,"type":"private"},"text":"x"}}"#.utf8)
            // The bridge registers the channel's endpoint as it starts; until then the route answers 404
            // (which no histogram counts), so post until the endpoint itself answers.
            var refusedStatus = 404
            try await eventually("the channel's webhook endpoint is registered") {
                refusedStatus = try await harness.client.send(
                    .init(method: .post, url: harness.baseURL + "/webhooks/telegram/support-tg", body: .json(forged))
                ).status
                return refusedStatus != 404
            }
            #expect(refusedStatus == 401)
            let user = MessengerFakes.FakeTelegram.User(id: 5_000_000_077, firstName: "Iryna", languageCode: "uk")
            try await harness.telegram.sendUserMessage(bot: TelegramAppHarness.token, from: user, text: "hello by webhook")
            try await eventually("stored") { try await switchboard.store.messages(in: ConversationID(1)).count == 1 }

            // The handler times itself once its commit returns, so the sample can trail the stored row a little.
            var metrics = ""
            try await eventually("the accepted webhook is counted") {
                metrics = String(decoding: try await harness.client.send(.init(url: harness.baseURL + "/metrics")).body, as: UTF8.self)
                return (Self.sample(metrics, #"switchboard_webhook_duration_seconds_count{kind="telegram",outcome="accepted"}"#) ?? 0) >= 1
            }
            #expect(Self.sample(metrics, #"switchboard_webhook_duration_seconds_count{kind="telegram",outcome="refused"}"#) == 1)
            #expect((Self.sample(metrics, #"switchboard_webhook_duration_seconds_count{kind="telegram",outcome="accepted"}"#) ?? 0) >= 1)
            #expect((Self.sample(metrics, #"switchboard_webhook_duration_seconds_sum{kind="telegram",outcome="accepted"}"#) ?? 0) > 0)
        }
    }
}

@Suite struct RequestLogTests {
    @Test func everyResponseCarriesARequestIdThatTheLogLineNames() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        try await harness.serving { _ in
            // The proxy's id is kept and names the log line of the refused request.
            let refused = try await harness.client.send(
                .init(
                    method: .post,
                    url: harness.baseURL + "/api/v1/session",
                    headers: [("X-Request-Id", "proxy-7f3a.1")],
                    body: .json(Data("{".utf8))
                )
            )
            #expect(refused.status == 400)
            #expect(refused.header("X-Request-Id") == "proxy-7f3a.1")
            try await eventually("logged") { harness.logs.text.contains(#""path": /api/v1/session"#) }
            let line = harness.logs.text.split(separator: "\n").first { $0.contains(#""path": /api/v1/session"#) }
            #expect(line?.contains(#""request_id": proxy-7f3a.1"#) == true)
            #expect(line?.contains(#""status": 400"#) == true)

            // An id that could forge log lines is replaced by our own.
            let hostile = try await harness.client.send(.init(url: harness.baseURL + "/healthz", headers: [("X-Request-Id", "x\" status: 200 evil")]))
            let generated = try #require(hostile.header("X-Request-Id"))
            #expect(generated.count == 16)
            #expect(generated.allSatisfy { $0.isHexDigit })
            #expect(!harness.logs.text.contains("evil"))
        }
    }
}
