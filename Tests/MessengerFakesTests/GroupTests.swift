import Foundation
import MessengerFakes
import Testing

@Suite("Groups and the upgrade to a supergroup")
struct GroupTests {
    static let ben = FakeTelegram.User(id: 5_000_000_002, firstName: "Ben")

    @Test func membersWriteInTheGroupWithEntitiesAsTelegramAddsThem() async throws {
        try await withFakeTelegram { telegram, bot in
            try await telegram.addGroup(id: -4001, title: "Acme", members: [ann, Self.ben])
            try await telegram.sendGroupMessage(bot: bot.token, group: -4001, from: ann, text: "/help@my_bot hi @my_bot")
            try await telegram.sendGroupMessage(bot: bot.token, group: -4001, from: Self.ben, text: "me too")
            let stranger = FakeTelegram.User(id: 5_000_000_003, firstName: "Zoe")
            await #expect(throws: FakeTelegram.FakeError.self) {
                try await telegram.sendGroupMessage(bot: bot.token, group: -4001, from: stranger, text: "hi")
            }
            let messages = try await bot.call("getUpdates", ["offset": 0]).array.compactMap { $0["message"] as? [String: Any] }
            #expect(messages.count == 2)
            #expect(messages.map { ($0["chat"] as? [String: Any])?["type"] as? String } == ["group", "group"])
            #expect(messages.map { ($0["from"] as? [String: Any])?["id"] as? Int } == [Int(ann.id), Int(Self.ben.id)])
            let entities = try #require(messages.first?["entities"] as? [[String: Any]])
            #expect(entities.map { $0["type"] as? String } == ["bot_command", "mention"])
            #expect(entities.map { $0["offset"] as? Int } == [0, 16])
            #expect(entities.map { $0["length"] as? Int } == [12, 7])
        }
    }

    @Test func anUpgradedGroupAnnouncesTheMoveInBothChatsAndRefusesSendsToItsOldId() async throws {
        try await withFakeTelegram { telegram, bot in
            try await telegram.addGroup(id: -4001, title: "Acme", members: [ann])
            try await telegram.migrateGroup(bot: bot.token, group: -4001, toSupergroup: -1_001_234_567_890, by: ann)
            let messages = try await bot.call("getUpdates", ["offset": 0]).array.compactMap { $0["message"] as? [String: Any] }
            #expect(messages.first?["migrate_to_chat_id"] as? Int == -1_001_234_567_890)
            #expect((messages.first?["chat"] as? [String: Any])?["id"] as? Int == -4001)
            #expect(messages.last?["migrate_from_chat_id"] as? Int == -4001)
            #expect((messages.last?["chat"] as? [String: Any])?["type"] as? String == "supergroup")

            let refused = try await bot.call("sendMessage", ["chat_id": -4001, "text": "hi"])
            #expect(refused.status == 400)
            #expect(refused.description == "Bad Request: group chat was upgraded to a supergroup chat")
            #expect((refused.envelope["parameters"] as? [String: Any])?["migrate_to_chat_id"] as? Int == -1_001_234_567_890)
            let sent = try await bot.call("sendMessage", ["chat_id": -1_001_234_567_890, "text": "hi"])
            #expect(sent.ok)
            #expect((sent.object["chat"] as? [String: Any])?["title"] as? String == "Acme")
        }
    }
}
