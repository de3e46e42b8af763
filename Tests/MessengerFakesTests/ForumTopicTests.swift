import Foundation
import MessengerFakes
import Testing

@Suite("Forum topics in a staff supergroup")
struct ForumTopicTests {
    let staff: Int64 = -1_009_876_543_210

    @Test func createForumTopicNeedsAForumAndTheRightToManageTopics() async throws {
        try await withFakeTelegram { telegram, bot in
            let plain = try await bot.call("createForumTopic", ["chat_id": -1_001_111_111_111, "name": "Ann"])
            #expect(plain.description == "Bad Request: the chat is not a forum")
            try await telegram.addSupergroup(bot: bot.token, chatId: staff, title: "Staff", isForum: false, botRole: .member)
            let notForum = try await bot.call("createForumTopic", ["chat_id": staff, "name": "Ann"])
            #expect(notForum.status == 400)
            #expect(notForum.description == "Bad Request: the chat is not a forum")
            try await telegram.addSupergroup(
                bot: bot.token,
                chatId: staff,
                title: "Staff",
                isForum: true,
                botRole: .administrator(canManageTopics: false)
            )
            let noRight = try await bot.call("createForumTopic", ["chat_id": staff, "name": "Ann"])
            #expect(noRight.description == "Bad Request: not enough rights to create a topic")
            try await telegram.setBotRole(bot: bot.token, chatId: staff, role: .administrator(canManageTopics: true))
            let created = try await bot.call("createForumTopic", ["chat_id": staff, "name": "Ann · Telegram"])
            #expect(created.status == 200)
            #expect(created.object["name"] as? String == "Ann · Telegram")
            #expect(created.object["icon_color"] as? Int == 0x6FB9F0)
            let threadId = try #require(created.object["message_thread_id"] as? Int)
            #expect(await telegram.forumTopics(bot: bot.token, chatId: staff).map(\.threadId) == [threadId])
            let long = try await bot.call("createForumTopic", ["chat_id": staff, "name": String(repeating: "a", count: 129)])
            #expect(long.description == "Bad Request: TOPIC_TITLE_TOO_LONG")
            let color = try await bot.call("createForumTopic", ["chat_id": staff, "name": "B", "icon_color": 1])
            #expect(color.description == "Bad Request: TOPIC_ICON_COLOR_INVALID")
        }
    }

    @Test func closeReopenAndEditChangeTheTopicOnce() async throws {
        try await withFakeTelegram { telegram, bot in
            try await telegram.addSupergroup(bot: bot.token, chatId: staff, title: "Staff", isForum: true, botRole: .creator)
            let threadId = try #require(
                try await bot.call("createForumTopic", ["chat_id": staff, "name": "Ann"]).object["message_thread_id"] as? Int
            )
            let close = try await bot.call("closeForumTopic", ["chat_id": staff, "message_thread_id": threadId])
            #expect(close.object.isEmpty && close.envelope["result"] as? Bool == true)
            #expect(await telegram.forumTopics(bot: bot.token, chatId: staff).first?.isClosed == true)
            let again = try await bot.call("closeForumTopic", ["chat_id": staff, "message_thread_id": threadId])
            #expect(again.description == "Bad Request: TOPIC_NOT_MODIFIED")
            let reopen = try await bot.call("reopenForumTopic", ["chat_id": staff, "message_thread_id": threadId])
            #expect(reopen.envelope["result"] as? Bool == true)
            #expect(await telegram.forumTopics(bot: bot.token, chatId: staff).first?.isClosed == false)
            let unknown = try await bot.call("closeForumTopic", ["chat_id": staff, "message_thread_id": 999])
            #expect(unknown.description == "Bad Request: TOPIC_ID_INVALID")
            let rename = try await bot.call("editForumTopic", ["chat_id": staff, "message_thread_id": threadId, "name": "Ann Lee"])
            #expect(rename.envelope["result"] as? Bool == true)
            #expect(await telegram.forumTopics(bot: bot.token, chatId: staff).first?.name == "Ann Lee")
            let same = try await bot.call("editForumTopic", ["chat_id": staff, "message_thread_id": threadId, "name": "Ann Lee"])
            #expect(same.description == "Bad Request: TOPIC_NOT_MODIFIED")
        }
    }

    @Test func sendsIntoARegisteredForumNeedAnOpenExistingTopic() async throws {
        try await withFakeTelegram(.init().unlimited) { telegram, bot in
            try await telegram.addSupergroup(
                bot: bot.token,
                chatId: staff,
                title: "Staff",
                isForum: true,
                botRole: .administrator(canManageTopics: true)
            )
            let threadId = try #require(
                try await bot.call("createForumTopic", ["chat_id": staff, "name": "Ann"]).object["message_thread_id"] as? Int
            )
            let sent = try await bot.call("sendMessage", ["chat_id": staff, "message_thread_id": threadId, "text": "hello"])
            #expect(sent.object["message_thread_id"] as? Int == threadId)
            #expect(sent.object["is_topic_message"] as? Bool == true)
            #expect((sent.object["chat"] as? [String: Any])?["is_forum"] as? Bool == true)
            let missing = try await bot.call("sendMessage", ["chat_id": staff, "message_thread_id": 4242, "text": "hello"])
            #expect(missing.description == "Bad Request: message thread not found")
            _ = try await bot.call("closeForumTopic", ["chat_id": staff, "message_thread_id": threadId])
            // A bot that manages topics may still write into a closed one; without the right it may not.
            #expect(try await bot.call("sendMessage", ["chat_id": staff, "message_thread_id": threadId, "text": "x"]).status == 200)
            try await telegram.setBotRole(bot: bot.token, chatId: staff, role: .member)
            let closed = try await bot.call("sendMessage", ["chat_id": staff, "message_thread_id": threadId, "text": "x"])
            #expect(closed.description == "Bad Request: TOPIC_CLOSED")
        }
    }

    @Test func chatMembersAndAdministratorsReportCanManageTopics() async throws {
        try await withFakeTelegram { telegram, bot in
            try await telegram.addSupergroup(
                bot: bot.token,
                chatId: staff,
                title: "Staff",
                isForum: true,
                botRole: .administrator(canManageTopics: false)
            )
            let owner = FakeTelegram.User(id: 7_000_000_001, firstName: "Olga")
            try await telegram.setChatMember(bot: bot.token, chatId: staff, user: owner, role: .creator)
            try await telegram.setChatMember(bot: bot.token, chatId: staff, user: .init(id: 7_000_000_002, firstName: "Max"), role: .member)
            let me = try await bot.call("getChatMember", ["chat_id": staff, "user_id": 123_456])
            #expect(me.object["status"] as? String == "administrator")
            #expect(me.object["can_manage_topics"] as? Bool == false)
            let member = try await bot.call("getChatMember", ["chat_id": staff, "user_id": 7_000_000_002])
            #expect(member.object["status"] as? String == "member")
            let stranger = try await bot.call("getChatMember", ["chat_id": staff, "user_id": 7_000_000_009])
            #expect(stranger.object["status"] as? String == "left")
            let admins = try await bot.call("getChatAdministrators", ["chat_id": staff]).array
            #expect(admins.map { $0["status"] as? String } == ["creator", "administrator"])
            let info = try await bot.call("getChat", ["chat_id": staff])
            #expect(info.object["is_forum"] as? Bool == true)
            #expect(info.object["type"] as? String == "supergroup")
        }
    }

    @Test func aMembersTopicMessageCarriesTheThreadAndIsTopicMessage() async throws {
        try await withFakeTelegram { telegram, bot in
            try await telegram.addSupergroup(bot: bot.token, chatId: staff, title: "Staff", isForum: true, botRole: .creator)
            let threadId = try #require(
                try await bot.call("createForumTopic", ["chat_id": staff, "name": "Ann"]).object["message_thread_id"] as? Int
            )
            let olga = FakeTelegram.User(id: 7_000_000_001, firstName: "Olga")
            try await telegram.sendTopicMessage(bot: bot.token, chatId: staff, threadId: threadId, from: olga, text: "/take")
            let updates = try await bot.call("getUpdates", [:]).array
            let message = try #require(updates.first?["message"] as? [String: Any])
            #expect(message["message_thread_id"] as? Int == threadId)
            #expect(message["is_topic_message"] as? Bool == true)
            #expect((message["chat"] as? [String: Any])?["is_forum"] as? Bool == true)
            #expect((message["from"] as? [String: Any])?["id"] as? Int64 == 7_000_000_001)
            let opener = message["reply_to_message"] as? [String: Any]
            #expect((opener?["forum_topic_created"] as? [String: Any])?["name"] as? String == "Ann")
            #expect((message["entities"] as? [[String: Any]])?.first?["type"] as? String == "bot_command")
            await #expect(throws: FakeTelegram.FakeError.self) {
                try await telegram.sendTopicMessage(bot: bot.token, chatId: staff, threadId: 999, from: olga, text: "hi")
            }
        }
    }
}
