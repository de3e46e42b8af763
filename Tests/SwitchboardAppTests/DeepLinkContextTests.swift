import CurlHTTP
import Foundation
import MessengerFakes
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

@Suite(.serialized) struct DeepLinkContextTests {
    let olena = FakeTelegram.User(id: 5_000_000_101, firstName: "Olena", username: "olena_k", languageCode: "uk")
    let mallory = FakeTelegram.User(id: 5_000_000_666, firstName: "Mallory", languageCode: "en")
    let viberOlena = FakeViber.User(id: "olena+viber/id==", name: "Olena V", language: "uk")

    @Test func contextCreatedByAPIKeyIsPinnedThroughTelegramStartAndViberConversationStarted() async throws {
        let harness = try await ContinuityHarness()
        defer { Task { await harness.stop() } }
        try await harness.setUp()
        try await harness.serving { _ in
            let key = try await harness.newAPIKey()
            let admin = try await harness.signIn("admin")

            // Given a context registered by the company's site.
            let created = try await harness.api(
                .post,
                "/api/v1/contexts",
                json: ["data": ["order_id": "A-1042", "page": "/checkout", "trail": ["/", "/cart", "/checkout"]]],
                bearer: key
            )
            #expect(created.status == 201)
            let telegramKey = try #require(created.json["key"] as? String)
            #expect(telegramKey.range(of: "^[A-Za-z0-9_-]{24}$", options: .regularExpression) != nil)
            let links = (created.json["links"] as? [[String: Any]] ?? []).compactMap { $0["url"] as? String }
            #expect(links.contains("https://t.me/desk_bot?start=\(telegramKey)"))
            #expect(links.contains("viber://pa?chatURI=acmesupport&context=\(telegramKey)"))

            // When the client taps the Telegram link, the context is pinned to the new conversation.
            _ = try await harness.telegram.sendUserMessage(bot: ContinuityHarness.telegramToken, from: olena, text: "/start \(telegramKey)")
            let telegramConversation = try await newestConversation(harness, admin, count: 1)
            let detail = try await harness.api(.get, "/api/v1/conversations/\(telegramConversation)", as: admin).json
            let context = try #require(detail["context"] as? [String: Any])
            #expect(context["status"] as? String == "pinned")
            #expect((context["data"] as? [String: Any])?["order_id"] as? String == "A-1042")
            #expect((context["data"] as? [String: Any])?["trail"] as? [String] == ["/", "/cart", "/checkout"])
            let direct = try await harness.api(.get, "/api/v1/conversations/\(telegramConversation)/context", as: admin)
            #expect((direct.json["data"] as? [String: Any])?["page"] as? String == "/checkout")

            // And through Viber: conversation_started carries the key, the first message opens the conversation.
            let second = try await harness.api(.post, "/api/v1/contexts", json: ["data": ["payment_id": "pay_77"]], bearer: key)
            let viberKey = try #require(second.json["key"] as? String)
            #expect(viberKey != telegramKey)
            _ = try await harness.viber.userOpensChat(bot: ContinuityHarness.viberToken, user: viberOlena, context: viberKey)
            _ = try await harness.viber.userSends(bot: ContinuityHarness.viberToken, user: viberOlena, message: .text("about my payment"))
            let viberConversation = try await newestConversation(harness, admin, count: 2)
            let viberContext = try #require(
                try await harness.api(.get, "/api/v1/conversations/\(viberConversation)", as: admin).json["context"] as? [String: Any]
            )
            #expect(viberContext["status"] as? String == "pinned")
            #expect((viberContext["data"] as? [String: Any])?["payment_id"] as? String == "pay_77")
        }
    }

    @Test func aUsedUnknownForgedOrExpiredKeyOpensTheConversationMarkedMissing() async throws {
        let harness = try await ContinuityHarness()
        defer { Task { await harness.stop() } }
        try await harness.setUp()
        try await harness.serving { switchboard in
            let key = try await harness.newAPIKey()
            let admin = try await harness.signIn("admin")
            let created = try await harness.api(.post, "/api/v1/contexts", json: ["data": ["order_id": "SECRET-1"]], bearer: key)
            let contextKey = try #require(created.json["key"] as? String)
            _ = try await harness.telegram.sendUserMessage(bot: ContinuityHarness.telegramToken, from: olena, text: "/start \(contextKey)")
            _ = try await newestConversation(harness, admin, count: 1)

            // Another client who got hold of the same link sees nothing of Olena's context.
            _ = try await harness.telegram.sendUserMessage(bot: ContinuityHarness.telegramToken, from: mallory, text: "/start \(contextKey)")
            let stolen = try await newestConversation(harness, admin, count: 2)
            let stolenContext = try #require(
                try await harness.api(.get, "/api/v1/conversations/\(stolen)", as: admin).json["context"] as? [String: Any]
            )
            #expect(stolenContext["status"] as? String == "missing")
            #expect(stolenContext["data"] == nil)
            let raw = try await harness.api(.get, "/api/v1/conversations/\(stolen)/context", as: admin)
            #expect(!String(decoding: raw.body, as: UTF8.self).contains("SECRET-1"))

            // A key nobody registered (a guess) and a malformed one are "missing" too.
            let guess = FakeTelegram.User(id: 5_000_000_777, firstName: "Guess")
            _ = try await harness.telegram.sendUserMessage(bot: ContinuityHarness.telegramToken, from: guess, text: "/start AAAAAAAAAAAAAAAAAAAAAAAA")
            let guessed = try await newestConversation(harness, admin, count: 3)
            #expect(try await contextStatus(harness, admin, guessed) == "missing")
            let forged = FakeViber.User(id: "forger==", name: "Forger")
            _ = try await harness.viber.userOpensChat(bot: ContinuityHarness.viberToken, user: forged, context: "../../etc/passwd")
            _ = try await harness.viber.userSends(bot: ContinuityHarness.viberToken, user: forged, message: .text("hello"))
            let forgedConversation = try await newestConversation(harness, admin, count: 4)
            #expect(try await contextStatus(harness, admin, forgedConversation) == "missing")

            // A key used for the first time after its lifetime is "expired", and its data stays hidden.
            let late = try await harness.api(.post, "/api/v1/contexts", json: ["data": ["order_id": "LATE-9"]], bearer: key)
            let lateKey = try #require(late.json["key"] as? String)
            let channel = try #require(try await switchboard.store.channels().first { $0.kind == .telegram })
            let twoDaysLater = Date().addingTimeInterval(2 * 86_400)
            _ = try await switchboard.router.ingest(
                InboundEvents.text("/start \(lateKey)", channel: channel.id, from: "5000000888", at: twoDaysLater, context: lateKey)
            )
            let expired = try await newestConversation(harness, admin, count: 5)
            let expiredContext = try await harness.api(.get, "/api/v1/conversations/\(expired)/context", as: admin)
            #expect(expiredContext.json["status"] as? String == "expired")
            #expect(expiredContext.json["data"] == nil)
        }
    }

    @Test func theContextAPIRefusesMissingKeysAndBadBodiesWithoutStoringAnything() async throws {
        let harness = try await ContinuityHarness()
        defer { Task { await harness.stop() } }
        try await harness.setUp()
        try await harness.serving { switchboard in
            let key = try await harness.newAPIKey()
            let body: [String: Any] = ["data": ["order_id": "A-1"]]
            #expect(try await harness.api(.post, "/api/v1/contexts", json: body).status == 401)
            #expect(try await harness.api(.post, "/api/v1/contexts", json: body, bearer: "sbk_not-a-real-key").status == 401)
            #expect(try await harness.api(.post, "/api/v1/contexts", raw: Data("{not json".utf8), bearer: key).errorCode == "invalid_json")
            #expect(try await harness.api(.post, "/api/v1/contexts", json: ["data": [1, 2]], bearer: key).errorCode == "invalid_context")
            #expect(try await harness.api(.post, "/api/v1/contexts", json: ["nodata": 1], bearer: key).status == 400)
            let huge: [String: Any] = ["data": ["blob": String(repeating: "x", count: 20_000)]]
            #expect(try await harness.api(.post, "/api/v1/contexts", json: huge, bearer: key).status == 413)
            // A signed-in operator is not an API key, and only admins manage keys.
            let maria = try await harness.signIn("maria")
            #expect(try await harness.api(.post, "/api/v1/contexts", json: body, as: maria).status == 401)
            #expect(try await harness.api(.post, "/api/v1/api-keys", json: ["name": "mine"], as: maria).status == 403)
            // A revoked key stops working at once.
            let admin = try await harness.signIn("admin")
            let keys = try await harness.api(.get, "/api/v1/api-keys", as: admin)
            #expect(keys.items.count == 1)
            #expect(!String(decoding: keys.body, as: UTF8.self).contains(key))
            let id = try #require(keys.items.first?["id"] as? Int)
            #expect(try await harness.api(.delete, "/api/v1/api-keys/\(id)", as: admin).status == 204)
            #expect(try await harness.api(.post, "/api/v1/contexts", json: body, bearer: key).status == 401)
            _ = switchboard
        }
    }

    /// Waits until `count` conversations exist and returns the newest one's id.
    func newestConversation(_ harness: ContinuityHarness, _ session: ContinuityHarness.Session, count: Int) async throws -> Int {
        var items: [[String: Any]] = []
        try await eventually("\(count) conversations") {
            items = try await harness.api(.get, "/api/v1/conversations?filter=all", as: session).items
            return items.count >= count
        }
        return try #require(items.compactMap { $0["id"] as? Int }.max())
    }

    func contextStatus(_ harness: ContinuityHarness, _ session: ContinuityHarness.Session, _ id: Int) async throws -> String? {
        try await harness.api(.get, "/api/v1/conversations/\(id)/context", as: session).json["status"] as? String
    }
}
