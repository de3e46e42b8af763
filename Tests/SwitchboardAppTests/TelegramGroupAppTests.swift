import Accounts
import CurlHTTP
import Foundation
import MessengerFakes
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

/// Client groups on Telegram, through the fake Telegram and the public API: who wrote, when the bot
/// answers, and a group that becomes a supergroup.
@Suite struct TelegramGroupAppTests {
    let token = TelegramAppHarness.token
    static let anna = FakeTelegram.User(id: 5_000_000_061, firstName: "Anna", lastName: "Koval", username: "anna_k")
    static let bohdan = FakeTelegram.User(id: 5_000_000_062, firstName: "Bohdan")

    /// Signs in an admin; returns the headers an inbox request carries.
    static func signIn(_ harness: TelegramAppHarness, _ switchboard: Switchboard) async throws -> [(String, String)] {
        let hash = try await PasswordHasher(cost: 4).hash("password123")
        _ = try await switchboard.store.createOperator(
            OperatorDraft(login: "maria", displayName: "Maria", role: .admin, passwordHash: hash),
            at: Date()
        )
        let signIn = try await harness.client.send(
            .init(method: .post, url: harness.baseURL + "/api/v1/session", body: .json(Data(#"{"login":"maria","password":"password123"}"#.utf8)))
        )
        let cookie = try #require(signIn.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
        let csrf = try #require((try JSONSerialization.jsonObject(with: signIn.body) as? [String: Any])?["csrfToken"] as? String)
        return [("Cookie", cookie), ("X-CSRF-Token", csrf)]
    }

    static func timeline(_ harness: TelegramAppHarness, _ conversation: Int, headers: [(String, String)]) async throws -> [[String: Any]] {
        let response = try await harness.client.send(.init(url: harness.baseURL + "/api/v1/conversations/\(conversation)/messages", headers: headers))
        #expect(response.status == 200)
        let items = try #require((try JSONSerialization.jsonObject(with: response.body) as? [String: Any])?["items"] as? [[String: Any]])
        return items.sorted { ($0["id"] as? Int ?? 0) < ($1["id"] as? Int ?? 0) }
    }

    @Test func twoMembersOfOneGroupWriteIntoOneConversationAndEachMessageShowsItsAuthor() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        _ = try await harness.addChannel(mode: .poll)
        try await harness.telegram.addGroup(id: -4001, title: "Acme staff", members: [Self.anna, Self.bohdan])

        try await harness.serving { switchboard in
            // Given two members of one group who write to the bot, and one of them also privately
            try await harness.telegram.sendGroupMessage(bot: token, group: -4001, from: Self.anna, text: "@desk_bot our invoice is wrong")
            try await harness.telegram.sendGroupMessage(bot: token, group: -4001, from: Self.bohdan, text: "@desk_bot and the VAT number too")
            try await eventually("group messages stored") { try await switchboard.store.messages(in: ConversationID(1)).count == 2 }
            try await harness.telegram.sendUserMessage(bot: token, from: Self.anna, text: "a private question")
            try await eventually("private conversation stored") { try await switchboard.store.conversation(ConversationID(2)) != nil }
            let headers = try await Self.signIn(harness, switchboard)

            // When an operator reads the group's conversation through the API
            let items = try await Self.timeline(harness, 1, headers: headers)

            // Then it is one conversation of the group, and each message names the member who wrote it
            #expect(items.map { $0["text"] as? String } == ["@desk_bot our invoice is wrong", "@desk_bot and the VAT number too"])
            #expect(items.map { $0["authorName"] as? String } == ["Anna Koval", "Bohdan"])
            let members = items.map { $0["member"] as? [String: Any] }
            #expect(members.map { $0?["externalID"] as? String } == [String(Self.anna.id), String(Self.bohdan.id)])
            #expect(members.first??["username"] as? String == "anna_k")
            let group = try #require(try await switchboard.store.conversation(ConversationID(1)))
            let contact = try #require(try await switchboard.store.contact(group.contactID))
            #expect(contact.displayName == "Acme staff")
            // And Anna's private chat stays her own conversation, with another contact
            let privateChat = try #require(try await switchboard.store.conversation(ConversationID(2)))
            #expect(privateChat.contactID != group.contactID)
            #expect(try await Self.timeline(harness, 2, headers: headers).first?["member"] == nil)
        }
    }

    @Test func aGroupThatBecomesASupergroupKeepsItsConversationAndRepliesGoToTheNewChat() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        _ = try await harness.addChannel(mode: .poll)
        try await harness.telegram.addGroup(id: -4002, title: "Acme staff", members: [Self.anna])
        let supergroup: Int64 = -1_001_234_567_890

        try await harness.serving { switchboard in
            try await harness.telegram.sendGroupMessage(bot: token, group: -4002, from: Self.anna, text: "/help")
            try await eventually("conversation stored") { try await switchboard.store.conversation(ConversationID(1)) != nil }

            // When the group is upgraded: Telegram announces it in both chats
            try await harness.telegram.migrateGroup(bot: token, group: -4002, toSupergroup: supergroup, by: Self.anna)
            try await eventually("migration ingested") { await harness.telegram.pendingUpdateCount(bot: token) == 0 }
            try await harness.telegram.sendGroupMessage(bot: token, group: supergroup, from: Self.anna, text: "@desk_bot still there?")
            try await eventually("supergroup message stored") { try await switchboard.store.messages(in: ConversationID(1)).count == 2 }
            let agent = try await switchboard.store.createOperator(OperatorDraft(login: "ivan", displayName: "Ivan", role: .operator), at: Date())
            _ = try await switchboard.replies.send(ReplyDraft(conversationID: ConversationID(1), operatorID: agent.id, text: "Yes, here"))

            // Then the supergroup's message joined the same conversation, and the reply went to the supergroup
            try await eventually("reply sent") { await !harness.telegram.sentMessages(bot: token, chatId: supergroup).isEmpty }
            #expect(await harness.telegram.sentMessages(bot: token, chatId: supergroup).first?.text == "Ivan\nYes, here")
            #expect(await harness.telegram.calls(bot: token, method: "sendMessage").allSatisfy { $0.parameters["chat_id"] != "-4002" })
            #expect(try await switchboard.store.conversation(ConversationID(2)) == nil)
        }
    }

    @Test func aReplyToAGroupThatMovedUnnoticedIsRefusedThenSentToTheSupergroup() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        _ = try await harness.addChannel(mode: .poll)
        try await harness.telegram.addGroup(id: -4003, title: "Acme staff", members: [Self.anna])
        let supergroup: Int64 = -1_009_876_543_210
        try await harness.serving { switchboard in
            try await harness.telegram.sendGroupMessage(bot: token, group: -4003, from: Self.anna, text: "@desk_bot hello")
            try await eventually("conversation stored") { try await switchboard.store.conversation(ConversationID(1)) != nil }
        }
        // Given a group upgraded while Switchboard was down, whose notices were dropped (deleteWebhook drop_pending_updates)
        try await harness.telegram.migrateGroup(bot: token, group: -4003, toSupergroup: supergroup, by: Self.anna)
        let drop = try await harness.client.send(
            .init(
                method: .post,
                url: "\(harness.telegram.baseURL)/bot\(token)/deleteWebhook",
                body: .json(Data(#"{"drop_pending_updates":true}"#.utf8))
            )
        )
        #expect(drop.status == 200)
        #expect(await harness.telegram.pendingUpdateCount(bot: token) == 0)

        try await harness.serving { switchboard in
            // When an operator answers
            let agent = try await switchboard.store.createOperator(OperatorDraft(login: "ivan", displayName: "Ivan", role: .operator), at: Date())
            let reply = try await switchboard.replies.send(ReplyDraft(conversationID: ConversationID(1), operatorID: agent.id, text: "Hello Acme"))

            // Then the send to the old id gets Telegram's error, and the reply is sent again to the supergroup
            try await eventually("reply re-sent") { await !harness.telegram.sentMessages(bot: token, chatId: supergroup).isEmpty }
            let attempts = await harness.telegram.calls(bot: token, method: "sendMessage").map { $0.parameters["chat_id"] }
            #expect(attempts == ["-4003", String(supergroup)])
            try await eventually("delivery recorded") {
                try await switchboard.store.messages(in: ConversationID(1)).first { $0.id == reply.id }?.deliveryState == .sent
            }
            // And the next reply goes straight to the supergroup
            _ = try await switchboard.replies.send(ReplyDraft(conversationID: ConversationID(1), operatorID: agent.id, text: "Anything else?"))
            try await eventually("second reply sent") { await harness.telegram.sentMessages(bot: token, chatId: supergroup).count == 2 }
            #expect(await harness.telegram.calls(bot: token, method: "sendMessage").count == 3)
        }
    }

    @Test func groupChatterIsNotForTheDeskUnlessTheChannelAnswersEveryGroupMessage() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        _ = try await harness.addChannel(mode: .poll)
        try await harness.telegram.addGroup(id: -4004, title: "Acme staff", members: [Self.anna, Self.bohdan])

        try await harness.serving(automation: true) { switchboard in
            // Given the setting off: members talk to each other, not to the bot
            try await harness.telegram.sendGroupMessage(bot: token, group: -4004, from: Self.anna, text: "shall we order lunch?")
            try await harness.telegram.sendGroupMessage(bot: token, group: -4004, from: Self.bohdan, text: "/lunch@pizza_bot")
            try await eventually("chatter acknowledged") { await harness.telegram.pendingUpdateCount(bot: token) == 0 }
            // Then nothing opens and nothing is answered
            #expect(try await switchboard.store.conversation(ConversationID(1)) == nil)
            #expect(await harness.telegram.sentMessages(bot: token).isEmpty)

            // When an admin turns the channel's setting on through the API
            let headers = try await Self.signIn(harness, switchboard) + [("Content-Type", "application/json")]
            let saved = try await harness.client.send(
                .init(
                    method: .put,
                    url: harness.baseURL + "/api/v1/settings/channels/1/routing",
                    headers: headers,
                    body: .json(Data(#"{"answersEveryGroupMessage":true}"#.utf8))
                )
            )
            #expect(saved.status == 200)
            #expect((try JSONSerialization.jsonObject(with: saved.body) as? [String: Any])?["answersEveryGroupMessage"] as? Bool == true)
            try await harness.telegram.sendGroupMessage(bot: token, group: -4004, from: Self.anna, text: "our invoice is wrong")

            // Then the same kind of message opens a conversation and gets the automatic welcome
            try await eventually("conversation opened") { try await switchboard.store.conversation(ConversationID(1)) != nil }
            try await eventually("welcome sent") { await !harness.telegram.sentMessages(bot: token, chatId: -4004).isEmpty }
        }
    }
}
