import Foundation

/// A group or supergroup the fake knows: its members, and where it went when it was upgraded.
struct GroupChat: Sendable {
    var id: Int64
    var title: String
    /// `group` or `supergroup`.
    var type: String
    var members: [FakeTelegram.User]

    /// The Bot API `Chat` object.
    var json: [String: Any] { ["id": id, "type": type, "title": title] }
}

extension TelegramState {
    /// A group chat is created with its members (the bot is one of them); for a known group, the
    /// members join it.
    func addGroup(id: Int64, title: String, members: [FakeTelegram.User]) throws {
        guard id < 0 else { throw FakeTelegram.FakeError.invalid("group chat ids are negative") }
        if var known = groups[id] {
            known.members += members.filter { member in !known.members.contains { $0.id == member.id } }
            groups[id] = known
            return
        }
        // -100… ids are supergroups; shorter negative ids are basic groups, as the Bot API numbers them.
        let type = String(id).hasPrefix("-100") ? "supergroup" : "group"
        groups[id] = GroupChat(id: id, title: title, type: type, members: members)
    }

    /// The group, checked to be alive (not upgraded) and to have `user` as a member.
    func liveGroup(_ id: Int64, member user: FakeTelegram.User) throws -> GroupChat {
        guard let group = groups[id] else { throw FakeTelegram.FakeError.invalid("no group \(id)") }
        guard migratedGroups[id] == nil else { throw FakeTelegram.FakeError.invalid("group \(id) was upgraded to a supergroup") }
        guard group.members.contains(where: { $0.id == user.id }) else {
            throw FakeTelegram.FakeError.invalid("\(user.firstName) is not a member of group \(id)")
        }
        return group
    }

    /// Upgrades a basic group: the supergroup gets the group's title and members, and the old id is
    /// dead from now on (sends to it fail with `migrate_to_chat_id`).
    func migrateGroup(_ id: Int64, to newId: Int64) throws -> (old: GroupChat, new: GroupChat) {
        guard let group = groups[id], group.type == "group", migratedGroups[id] == nil else {
            throw FakeTelegram.FakeError.invalid("only a basic group can become a supergroup")
        }
        guard String(newId).hasPrefix("-100"), groups[newId] == nil else {
            throw FakeTelegram.FakeError.invalid("a supergroup id is a new -100… id")
        }
        let supergroup = GroupChat(id: newId, title: group.title, type: "supergroup", members: group.members)
        groups[newId] = supergroup
        migratedGroups[id] = newId
        return (group, supergroup)
    }

    /// The `message` update of a member's group message, serialized (see `FakeTelegram.sendGroupMessage`).
    func groupMessageUpdate(token: String, group id: Int64, from user: FakeTelegram.User, text: String, replyTo botMessageId: Int?) throws -> Data {
        let group = try liveGroup(id, member: user)
        var replied: [String: Any]?
        if let botMessageId {
            replied = bots[token]?.messages[.init(chatId: id, messageId: botMessageId)]?.object
            guard replied != nil else { throw FakeTelegram.FakeError.invalid("the bot sent no message \(botMessageId) in \(id)") }
        }
        let messageId = try mutateBot(token) { $0.nextMessageId(in: id) }
        var message: [String: Any] = ["message_id": messageId, "from": user.json, "chat": group.json, "date": unixNow, "text": text]
        let entities = FakeTelegram.entities(in: text)
        if !entities.isEmpty { message["entities"] = entities }
        message["reply_to_message"] = replied
        return JSON.encode(["message": message])
    }

    /// Upgrades the group and returns the two service updates, serialized: the old chat's
    /// `migrate_to_chat_id` message, then the supergroup's `migrate_from_chat_id` message.
    func migrationUpdates(token: String, group id: Int64, to newId: Int64, by user: FakeTelegram.User) throws -> (Data, Data) {
        guard bots[token] != nil else { throw FakeTelegram.FakeError.unknownBot }
        let (old, new) = try migrateGroup(id, to: newId)
        let oldMessageId = try mutateBot(token) { $0.nextMessageId(in: id) }
        let newMessageId = try mutateBot(token) { $0.nextMessageId(in: newId) }
        let leaving: [String: Any] = ["message_id": oldMessageId, "from": user.json, "chat": old.json, "date": unixNow, "migrate_to_chat_id": newId]
        let arriving: [String: Any] = ["message_id": newMessageId, "from": user.json, "chat": new.json, "date": unixNow, "migrate_from_chat_id": id]
        return (JSON.encode(["message": leaving]), JSON.encode(["message": arriving]))
    }

    /// The refusal Telegram gives for a send to an upgraded group.
    func refuseMigrated(_ chatId: Int64) throws {
        guard let moved = migratedGroups[chatId] else { return }
        throw BotAPIError(code: 400, description: "Bad Request: group chat was upgraded to a supergroup chat", migrateToChatId: moved)
    }
}
