import CurlHTTP
import Foundation
import MessengerFakes
import SwitchboardCore
import TestSupport
import Testing

/// API keys with scopes on the REST API: posting into a conversation as a named bot, 403 without the
/// scope, 401 once revoked, 429 over the key's limit.
@Suite(.serialized) struct APIKeyScopesTests {
    let olena = FakeTelegram.User(id: 5_000_000_201, firstName: "Olena", username: "olena_k", languageCode: "uk")

    @Test func aKeyWithMessagesWriteReachesTelegramAsItsBotAndIsRefusedReportsThenRevoked() async throws {
        let harness = try await ContinuityHarness()
        defer { Task { await harness.stop() } }
        try await harness.setUp()
        try await harness.serving { _ in
            let admin = try await harness.signIn("admin")
            let key = try await newKey(
                harness,
                admin,
                ["name": "shop", "botName": "Order system", "scopes": ["messages:write", "conversations:read"]]
            )

            // Given a client who wrote to the Telegram bot.
            _ = try await harness.telegram.sendUserMessage(bot: ContinuityHarness.telegramToken, from: olena, text: "where is my order?")
            let conversation = try await firstConversation(harness, bearer: key)

            // When the shop's back end posts the order status with its key, without cookie or CSRF token.
            let posted = try await harness.api(
                .post,
                "/api/v1/conversations/\(conversation)/messages",
                json: ["text": "Order A-17 has shipped."],
                bearer: key
            )

            // Then it is stored before it is sent, reaches the client on Telegram, and the timeline names the bot.
            #expect(posted.status == 201)
            #expect(posted.json["authorName"] as? String == "Order system")
            try await eventually("sent to Telegram") {
                await harness.telegram.sentMessages(bot: ContinuityHarness.telegramToken, chatId: olena.id)
                    .contains { $0.text?.contains("Order A-17 has shipped.") == true }
            }
            let timeline = try await harness.api(.get, "/api/v1/conversations/\(conversation)/messages", as: admin).items
            let shown = try #require(timeline.first { $0["text"] as? String == "Order A-17 has shipped." })
            #expect(shown["authorName"] as? String == "Order system")
            #expect((shown["author"] as? [String: Any])?["kind"] as? String == "bot")

            // The same key has no reports scope: 403 naming it; routes for operators only are closed too.
            let reports = try await harness.api(.get, "/api/v1/reports/figures", bearer: key)
            #expect(reports.status == 403)
            #expect(reports.errorCode == "missing_scope")
            #expect(String(decoding: reports.body, as: UTF8.self).contains("reports:read"))
            #expect(try await harness.api(.post, "/api/v1/conversations/\(conversation)/resolve", bearer: key).status == 403)

            // Revoked, it is refused with 401 everywhere.
            let id = try #require(
                try await harness.api(.get, "/api/v1/api-keys", as: admin).items.first { $0["name"] as? String == "shop" }?["id"] as? Int
            )
            #expect(try await harness.api(.delete, "/api/v1/api-keys/\(id)", as: admin).status == 204)
            let refused = try await harness.api(.post, "/api/v1/conversations/\(conversation)/messages", json: ["text": "again"], bearer: key)
            #expect(refused.status == 401)
            #expect(refused.errorCode == "unauthenticated")
            #expect(try await harness.api(.get, "/api/v1/conversations", bearer: key).status == 401)
            let audit = try await harness.api(.get, "/api/v1/audit?limit=50", as: admin).items
            let revoked = try #require(audit.first { $0["action"] as? String == "api_key.revoked" })
            let ended = ((revoked["changes"] as? [String: Any])?["scopes"] as? [String: Any])?["from"] as? [String]
            #expect(ended == ["conversations:read", "messages:write"])
        }
    }

    @Test func aKeyOverItsRateGets429WithRetryAfterAndOtherKeysAreNotSlowed() async throws {
        let harness = try await ContinuityHarness()
        defer { Task { await harness.stop() } }
        try await harness.setUp()
        try await harness.serving { _ in
            let admin = try await harness.signIn("admin")
            let limited = try await newKey(harness, admin, ["name": "crm", "scopes": ["reports:read"], "ratePerMinute": 2])
            let other = try await newKey(harness, admin, ["name": "bi", "scopes": ["reports:read"]])

            #expect(try await harness.api(.get, "/api/v1/reports/channels", bearer: limited).status == 200)
            #expect(try await harness.api(.get, "/api/v1/reports/channels", bearer: limited).status == 200)
            let third = try await harness.api(.get, "/api/v1/reports/channels", bearer: limited)

            #expect(third.status == 429)
            #expect(third.errorCode == "rate_limited")
            let retryAfter = try #require(third.headers.first { $0.name.lowercased() == "retry-after" }.flatMap { Int($0.value) })
            #expect((1...60).contains(retryAfter))
            #expect(try await harness.api(.get, "/api/v1/reports/channels", bearer: other).status == 200)
        }
    }

    @Test func keysAreCreatedWithScopesAuditedAndOldKeysKeepContextsOnly() async throws {
        let harness = try await ContinuityHarness()
        defer { Task { await harness.stop() } }
        try await harness.setUp()
        try await harness.serving { _ in
            let admin = try await harness.signIn("admin")
            let legacy = try await harness.newAPIKey("website")
            let unknown = try await harness.api(.post, "/api/v1/api-keys", json: ["name": "x", "scopes": ["everything"]], as: admin)
            #expect(unknown.status == 400)
            #expect(unknown.errorCode == "invalid_scope")

            // A key made without scopes may register contexts and nothing else.
            #expect(try await harness.api(.post, "/api/v1/contexts", json: ["data": ["order": "1"]], bearer: legacy).status == 201)
            #expect(try await harness.api(.get, "/api/v1/conversations", bearer: legacy).status == 403)

            // An admin key manages keys; the audit log names it and the scopes it granted.
            let adminKey = try await newKey(harness, admin, ["name": "ops", "scopes": ["admin"]])
            let made = try await harness.api(.post, "/api/v1/api-keys", json: ["name": "bi", "scopes": ["reports:read"]], bearer: adminKey)
            #expect(made.status == 201)
            #expect(made.json["scopes"] as? [String] == ["reports:read"])
            let audit = try await harness.api(.get, "/api/v1/audit?limit=50", as: admin).items
            let entry = try #require(
                audit.first { $0["action"] as? String == "api_key.created" && ($0["target"] as? String)?.contains("(bi)") == true }
            )
            #expect((entry["actor"] as? [String: Any])?["kind"] as? String == "api_key")
            let scopes = ((entry["changes"] as? [String: Any])?["scopes"] as? [String: Any])?["to"] as? [String]
            #expect(scopes == ["reports:read"])

            // The admin scope also opens outgoing webhooks; a key without it gets 403 naming the scope.
            #expect(try await harness.api(.get, "/api/v1/webhooks", bearer: adminKey).status == 200)
            let webhooksRefused = try await harness.api(.get, "/api/v1/webhooks", bearer: legacy)
            #expect(webhooksRefused.status == 403)
            #expect(webhooksRefused.errorCode == "missing_scope")

            // A cookie request is still held to its CSRF token, whatever key it also carries.
            let forged = ContinuityHarness.Session(cookie: admin.cookie, csrf: "not-the-token")
            let refused = try await harness.api(
                .post,
                "/api/v1/api-keys",
                json: ["name": "forged", "scopes": ["admin"]],
                as: forged,
                bearer: adminKey
            )
            #expect(refused.status == 403)
            #expect(refused.errorCode == "csrf")
        }
    }

    /// Creates a key over the API as the admin and returns its secret.
    func newKey(_ harness: ContinuityHarness, _ admin: ContinuityHarness.Session, _ body: [String: Any]) async throws -> String {
        let reply = try await harness.api(.post, "/api/v1/api-keys", json: body, as: admin)
        #expect(reply.status == 201)
        return try #require(reply.json["key"] as? String)
    }

    /// The id of the first conversation, read with the key (it sees every department).
    func firstConversation(_ harness: ContinuityHarness, bearer key: String) async throws -> Int {
        var items: [[String: Any]] = []
        try await eventually("a conversation") {
            items = try await harness.api(.get, "/api/v1/conversations?filter=all", bearer: key).items
            return !items.isEmpty
        }
        return try #require(items.first?["id"] as? Int)
    }
}
