import Accounts
import CurlHTTP
import Foundation
import MessengerFakes
import SQLiteStore
import Secrets
import SwitchboardApp
import SwitchboardCore
import SwitchboardEngine
import SwitchboardWeb
import TestSupport
import Testing

@Suite struct ChannelAdminAPITests {
    let user = FakeTelegram.User(id: 5_000_000_501, firstName: "Oksana", languageCode: "uk")

    /// A signed-in client of the real server.
    struct Session {
        let harness: TelegramAppHarness
        let cookie: String
        let csrf: String

        static func signIn(_ harness: TelegramAppHarness, _ switchboard: Switchboard, role: OperatorRole, login: String) async throws -> Session {
            let hash = try await PasswordHasher(cost: 4).hash("password123")
            _ = try await switchboard.store.createOperator(
                OperatorDraft(login: login, displayName: login, role: role, passwordHash: hash),
                at: Date()
            )
            let body = try JSONSerialization.data(withJSONObject: ["login": login, "password": "password123"])
            let reply = try await harness.client.send(.init(method: .post, url: harness.baseURL + "/api/v1/session", body: .json(body)))
            let cookie = try #require(reply.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
            let csrf = try #require((try JSONSerialization.jsonObject(with: reply.body) as? [String: Any])?["csrfToken"] as? String)
            return Session(harness: harness, cookie: cookie, csrf: csrf)
        }

        func call(
            _ method: CurlHTTP.HTTPMethod,
            _ path: String,
            _ json: [String: Any]? = nil
        ) async throws -> (status: Int, json: [String: Any], text: String) {
            let headers: [(name: String, value: String)] = [("Cookie", cookie), ("X-CSRF-Token", csrf)]
            let body: HTTPBody = try json.map { .json(try JSONSerialization.data(withJSONObject: $0)) } ?? .none
            let reply = try await harness.client.send(.init(method: method, url: harness.baseURL + path, headers: headers, body: body))
            let parsed = (try? JSONSerialization.jsonObject(with: reply.body)) as? [String: Any] ?? [:]
            return (reply.status, parsed, String(decoding: reply.body, as: UTF8.self))
        }
    }

    func addBody(_ harness: TelegramAppHarness, name: String, token: String = TelegramAppHarness.token) -> [String: Any] {
        ["kind": "telegram", "name": name, "token": token, "mode": "poll", "apiURL": harness.telegram.baseURL.absoluteString]
    }

    @Test func adminAddsATelegramBotThatRunsAtOnceLikeTheCLIWouldStoreIt() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        _ = try await harness.addChannel(mode: .poll)
        try await harness.serving { switchboard in
            let admin = try await Session.signIn(harness, switchboard, role: .admin, login: "root")
            // The CLI's channel is running; it is paused so that only the new one takes the bot's updates.
            let cliChannel = try #require(try await switchboard.store.channels().first)
            #expect(try await admin.call(.post, "/api/v1/channels/\(cliChannel.id)/pause").status == 200)

            let created = try await admin.call(.post, "/api/v1/channels", addBody(harness, name: "desk-tg"))

            #expect(created.status == 201)
            #expect(created.json["maskedToken"] as? String == "••••TOKN")
            #expect(created.json["running"] as? Bool == true)
            #expect(!created.text.contains(TelegramAppHarness.token))
            // Stored exactly as `channel add telegram` stores it.
            let summaries = try await ChannelAdmin(switchboard: switchboard, config: harness.config, actor: .system).list()
            let byCLI = try #require(summaries.first { $0.channel.name == "support-tg" })
            let byAPI = try #require(summaries.first { $0.channel.name == "desk-tg" })
            #expect(byAPI.channel.persona == byCLI.channel.persona)
            #expect(byAPI.channel.mode == byCLI.channel.mode)
            #expect(byAPI.maskedToken == byCLI.maskedToken)
            #expect(
                try await switchboard.store.channelCredentials(byAPI.channel.id)?.settingsJSON
                    == (try await switchboard.store.channelCredentials(byCLI.channel.id)?.settingsJSON)
            )

            // Live: the new channel polls without a restart.
            try await harness.telegram.sendUserMessage(bot: TelegramAppHarness.token, from: user, text: "hello, new bot")
            try await eventually("stored on the new channel") {
                let conversation = try await switchboard.store.conversation(ConversationID(1))
                return conversation?.channelID == byAPI.channel.id
            }
            // The channel's activity follows the bus, after the commit: the listing shows it soon, not at once.
            try await eventually("the listing shows the new channel's last message") {
                let listed = try await admin.call(.get, "/api/v1/channels")
                let desk = (listed.json["items"] as? [[String: Any]])?.first { $0["name"] as? String == "desk-tg" }
                return desk?["lastInboundAt"] != nil
            }
            let listed = try await admin.call(.get, "/api/v1/channels")
            #expect(!listed.text.contains(TelegramAppHarness.token))
            #expect(!harness.logs.text.contains(TelegramAppHarness.token))
            #expect(try harness.databaseBytes().range(of: Data(TelegramAppHarness.token.utf8)) == nil)
        }
    }

    @Test func wrongTokenIsRefusedWithTheMessengersReasonAndNothingIsStored() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        try await harness.serving { switchboard in
            let admin = try await Session.signIn(harness, switchboard, role: .admin, login: "root")

            let refused = try await admin.call(
                .post,
                "/api/v1/channels",
                addBody(harness, name: "desk-tg", token: "7000000009:AAH-unknown-bot-token")
            )

            #expect(refused.status == 422)
            #expect(
                (refused.json["error"] as? [String: Any])?["message"] as? String
                    == "Telegram rejected the token (401 Unauthorized): check the token from @BotFather"
            )
            #expect(!refused.text.contains("unknown-bot"))
            #expect(try await switchboard.store.channels().isEmpty)
            let invalid = try await admin.call(.post, "/api/v1/channels", ["kind": "fax", "name": "x", "token": "y"])
            #expect(invalid.status == 400)
        }
    }

    @Test func pauseStopsTheBotResumeCatchesUpAndAModeChangeGoesThroughTelegram() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        let channel = try await harness.addChannel(mode: .poll)
        try await harness.serving { switchboard in
            let admin = try await Session.signIn(harness, switchboard, role: .admin, login: "root")

            let paused = try await admin.call(.post, "/api/v1/channels/\(channel.id)/pause")
            #expect(paused.json["paused"] as? Bool == true)
            #expect(paused.json["running"] as? Bool == false)
            try await harness.telegram.sendUserMessage(bot: TelegramAppHarness.token, from: user, text: "while paused")
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await switchboard.store.conversation(ConversationID(1)) == nil)
            #expect(await harness.telegram.pendingUpdateCount(bot: TelegramAppHarness.token) == 1)

            #expect(try await admin.call(.post, "/api/v1/channels/\(channel.id)/resume").json["running"] as? Bool == true)
            try await eventually("caught up") { try await switchboard.store.messages(in: ConversationID(1)).count == 1 }

            let webhook = try await admin.call(.patch, "/api/v1/channels/\(channel.id)", ["mode": "webhook", "personaName": "Acme Desk"])
            #expect(webhook.status == 200)
            #expect(webhook.json["mode"] as? String == "webhook")
            #expect(webhook.json["webhookURL"] as? String == harness.baseURL + "/webhooks/telegram/support-tg")
            #expect((webhook.json["persona"] as? [String: Any])?["name"] as? String == "Acme Desk")
            let set = await harness.telegram.calls(bot: TelegramAppHarness.token, method: "setWebhook")
            #expect(set.last?.parameters["url"] == harness.baseURL + "/webhooks/telegram/support-tg")
            try await harness.telegram.sendUserMessage(bot: TelegramAppHarness.token, from: user, text: "by webhook now")
            try await eventually("delivered by webhook") { try await switchboard.store.messages(in: ConversationID(1)).count == 2 }
        }
    }

    @Test func rotatedTokenIsCheckedStoredSealedAndUsedAtOnce() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        let newToken = "7000000001:AAH-rotated-token-0123456789abcdNEWT"
        await harness.telegram.addBot(token: newToken, username: "desk_bot", firstName: "Desk")
        let channel = try await harness.addChannel(mode: .poll)
        try await harness.serving { switchboard in
            let admin = try await Session.signIn(harness, switchboard, role: .admin, login: "root")

            #expect(try await admin.call(.put, "/api/v1/channels/\(channel.id)/token", ["token": "7000000009:AAH-wrong"]).status == 422)
            let rotated = try await admin.call(.put, "/api/v1/channels/\(channel.id)/token", ["token": newToken])

            #expect(rotated.status == 200)
            #expect(rotated.json["maskedToken"] as? String == "••••NEWT")
            try await harness.telegram.sendUserMessage(bot: newToken, from: user, text: "through the new token")
            try await eventually("polled with the new token") { try await switchboard.store.messages(in: ConversationID(1)).count == 1 }
            #expect(try harness.databaseBytes().range(of: Data(newToken.utf8)) == nil)
        }
    }

    /// A channel is one bot: its receipts and clients are that bot's, so its token cannot become another bot's.
    @Test func aTokenOfAnotherBotIsRefused() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        let otherBot = "7000000002:AAH-other-bot-token-0123456789abcOTHR"
        await harness.telegram.addBot(token: otherBot, username: "other_bot", firstName: "Other")
        let channel = try await harness.addChannel(mode: .poll)
        try await harness.serving { switchboard in
            let admin = try await Session.signIn(harness, switchboard, role: .admin, login: "root")

            let refused = try await admin.call(.put, "/api/v1/channels/\(channel.id)/token", ["token": otherBot])

            #expect(refused.status == 422)
            let error = refused.json["error"] as? [String: Any]
            #expect(error?["code"] as? String == "channel_refused")
            #expect((error?["message"] as? String)?.contains("another bot (id 7000000002)") == true)
            let credentials = try #require(try await switchboard.store.channelCredentials(channel.id))
            #expect(try switchboard.secrets.open(credentials.tokenCiphertext) == TelegramAppHarness.token)
        }
    }

    @Test func operatorsAndSupervisorsGet403OnEveryChannelRoute() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        let channel = try await harness.addChannel(mode: .poll)
        try await harness.serving { switchboard in
            for (role, login) in [(OperatorRole.operator, "olha"), (.supervisor, "sasha")] {
                let session = try await Session.signIn(harness, switchboard, role: role, login: login)
                #expect(try await session.call(.get, "/api/v1/channels").status == 403)
                #expect(try await session.call(.post, "/api/v1/channels", addBody(harness, name: "x-tg")).status == 403)
                #expect(try await session.call(.patch, "/api/v1/channels/\(channel.id)", ["personaName": "Evil"]).status == 403)
                #expect(try await session.call(.post, "/api/v1/channels/\(channel.id)/pause").status == 403)
                #expect(try await session.call(.post, "/api/v1/channels/\(channel.id)/resume").status == 403)
                #expect(try await session.call(.put, "/api/v1/channels/\(channel.id)/token", ["token": "x"]).status == 403)
            }
            #expect(try await switchboard.store.channels().map(\.persona.name) == ["Desk"])
            #expect(try await switchboard.store.channels().map(\.isPaused) == [false])
        }
    }

    @Test func removingAChannelStopsItKeepsItsConversationsAndFailsItsQueuedReplies() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        let channel = try await harness.addChannel(mode: .webhook)
        try await harness.serving { switchboard in
            let admin = try await Session.signIn(harness, switchboard, role: .admin, login: "root")
            try await harness.telegram.sendUserMessage(bot: TelegramAppHarness.token, from: user, text: "hello before removal")
            try await eventually("stored") { try await switchboard.store.messages(in: ConversationID(1)).count == 1 }
            // A reply waits in the outbox while the channel is paused.
            #expect(try await admin.call(.post, "/api/v1/channels/\(channel.id)/pause").status == 200)
            let maria = try await switchboard.store.createOperator(OperatorDraft(login: "maria", displayName: "Maria", role: .operator), at: Date())
            let reply = try await switchboard.replies.send(ReplyDraft(conversationID: ConversationID(1), operatorID: maria.id, text: "on my way"))

            let removed = try await admin.call(.delete, "/api/v1/channels/\(channel.id)")

            #expect(removed.status == 200)
            #expect(removed.json["name"] as? String == "support-tg")
            #expect(removed.json["conversationsKept"] as? Int == 1)
            #expect(removed.json["repliesFailed"] as? Int == 1)
            let failed = try #require(try await switchboard.store.messages(in: ConversationID(1)).first { $0.id == reply.id })
            #expect(failed.deliveryState == .failed)
            #expect(failed.failureReason == "the channel support-tg was removed")
            // Gone from the list and from the webhook route; the history stays; the token is wiped.
            #expect(try await switchboard.store.channels().isEmpty)
            #expect(try await admin.call(.get, "/api/v1/channels").json["items"] as? [Any] != nil)
            let update = Data(#"{"update_id":99,"message":{"message_id":9,"date":0,"chat":{"id":1,"type":"private"},"text":"late"}}"#.utf8)
            let late = try await harness.client.send(
                .init(method: .post, url: harness.baseURL + "/webhooks/telegram/support-tg", body: .json(update))
            )
            #expect(late.status == 404)
            #expect(try await switchboard.store.messages(in: ConversationID(1)).map(\.text) == ["hello before removal", "on my way"])
            #expect(try await switchboard.store.channelCredentials(channel.id) == nil)
            // Telegram was told to stop posting to us.
            #expect(await harness.telegram.calls(bot: TelegramAppHarness.token, method: "deleteWebhook").count >= 1)
            // Removing it again finds nothing; the name can be used by a new channel.
            #expect(try await admin.call(.delete, "/api/v1/channels/\(channel.id)").status == 404)
            let again = try await admin.call(.post, "/api/v1/channels", addBody(harness, name: "support-tg"))
            #expect(again.status == 201)
        }
    }
}
