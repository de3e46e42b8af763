import CurlHTTP
import Foundation
import Logging
import MessengerFakes
import SQLiteStore
import Secrets
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

/// Bot tokens, webhook secrets (the messengers' and outgoing ones' signing secrets) and API keys appear in no log line (at trace level), no API response
/// after the one that creates an API key, no error message and no byte of the database files.
@Suite struct SecretLeakTests {
    static let rotatedToken = "7000000001:AAH-rotated-secret-5550001111ROTD"
    static let wrongToken = "7000000002:AAH-never-accepted-4443332221WRNG"

    @Test func noSecretInLogsResponsesErrorsOrTheDatabase() async throws {
        let harness = try await TelegramAppHarness(logLevel: .trace)
        defer { Task { await harness.stop() } }
        await harness.telegram.addBot(token: Self.rotatedToken, username: "desk_bot", firstName: "Desk")
        var responses: [String] = []
        var apiKey = ""
        var signingSecret = ""
        try await harness.serving { switchboard in
            let admin = try await ChannelAdminAPITests.Session.signIn(harness, switchboard, role: .admin, login: "root")
            func call(_ method: CurlHTTP.HTTPMethod, _ path: String, _ json: [String: Any]? = nil) async throws -> (Int, [String: Any]) {
                let reply = try await admin.call(method, path, json)
                responses.append(reply.text)
                return (reply.status, reply.json)
            }
            let body: [String: Any] = [
                "kind": "telegram", "name": "desk-tg", "token": TelegramAppHarness.token, "mode": "webhook",
                "apiURL": harness.telegram.baseURL.absoluteString,
            ]
            let (created, channel) = try await call(.post, "/api/v1/channels", body)
            #expect(created == 201)
            let id = try #require(channel["id"] as? Int)
            #expect(try await call(.put, "/api/v1/channels/\(id)/token", ["token": Self.rotatedToken]).0 == 200)
            #expect(try await call(.put, "/api/v1/channels/\(id)/token", ["token": Self.wrongToken]).0 == 422)
            var wrongBody = body
            wrongBody["token"] = Self.wrongToken
            wrongBody["name"] = "other"
            #expect(try await call(.post, "/api/v1/channels", wrongBody).0 == 422)

            // The key is shown once, in the response that creates it, and never again.
            let keyReply = try await admin.call(.post, "/api/v1/api-keys", ["name": "website"])
            apiKey = try #require(keyReply.json["key"] as? String)
            #expect(keyReply.json["maskedKey"] as? String == "••••" + apiKey.suffix(4))
            let context = try await harness.client.send(
                .init(
                    method: .post,
                    url: harness.baseURL + "/api/v1/contexts",
                    headers: [("Authorization", "Bearer \(apiKey)")],
                    body: .json(Data(#"{"data": {"order": 1}}"#.utf8))
                )
            )
            #expect(context.status == 201)
            responses.append(String(decoding: context.body, as: UTF8.self))
            // So is an outgoing webhook's signing secret (its one event type never happens here, so nothing is sent).
            let hookReply = try await admin.call(.post, "/api/v1/webhooks", ["url": "https://93.184.216.34/hook", "eventTypes": ["contact.merged"]])
            #expect(hookReply.status == 201)
            signingSecret = try #require(hookReply.json["secret"] as? String)
            let (_, keys) = try await call(.get, "/api/v1/api-keys")
            let listed = try #require((keys["items"] as? [[String: Any]])?.first)
            #expect(listed["maskedKey"] as? String == "••••" + apiKey.suffix(4))
            for path in [
                "/api/v1/channels", "/api/v1/operators", "/api/v1/admin/operators", "/api/v1/audit?limit=200", "/api/v1/settings/routing",
                "/api/v1/automation", "/api/v1/session", "/api/v1/webhooks", "/api/v1/webhooks/1",
            ] {
                #expect(try await call(.get, path).0 == 200, "\(path)")
            }
            // The audit log names the secret changes (so the search above covered them) without the secrets.
            let (_, audit) = try await call(.get, "/api/v1/audit?limit=200")
            let actions = (audit["items"] as? [[String: Any]])?.compactMap { $0["action"] as? String } ?? []
            #expect(actions.contains("channel.token_rotated") && actions.contains("api_key.created") && actions.contains("channel.created"))
            #expect(actions.contains("webhook.created"))
            // A webhook delivery carries the secret header; the server must not log it.
            try await harness.telegram.sendUserMessage(
                bot: Self.rotatedToken,
                from: .init(id: 5_000_000_777, firstName: "Ira", languageCode: "en"),
                text: "hello"
            )
            try await eventually("delivered through the webhook") { try await switchboard.store.conversation(ConversationID(1)) != nil }
        }

        let webhookSecret = try await Self.webhookSecret(harness.config)
        let secrets = [
            TelegramAppHarness.token, "AAH-app-test-token", Self.rotatedToken, "AAH-rotated-secret", Self.wrongToken,
            "AAH-never-accepted", apiKey, webhookSecret, signingSecret,
        ]
        let database = try harness.databaseBytes()
        #expect(harness.logs.count > 50)
        for secret in secrets {
            #expect(database.range(of: Data(secret.utf8)) == nil, "database holds \(secret.prefix(12))…")
            #expect(!harness.logs.text.contains(secret), "logs hold \(secret.prefix(12))…")
            for response in responses where response.contains(secret) {
                Issue.record("an API response holds \(secret.prefix(12))…: \(response.prefix(200))")
            }
        }
    }

    /// The channel's webhook secret, opened with the server's key: the test must know it to look for it.
    static func webhookSecret(_ config: AppConfig) async throws -> String {
        let store = try SQLiteStore(path: config.databasePath)
        let credentials = try #require(try await store.channelCredentials(ChannelID(1)))
        let box = try SecretKeyFile.load(base64Key: config.secretKey, path: config.secretKeyFile)
        return try box.open(try #require(credentials.webhookSecretCiphertext))
    }
}
