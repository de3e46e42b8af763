public import Foundation
public import SwitchboardCore

/// One Telegram update, mapped: the event to ingest and what to do once it is committed.
public struct TelegramInboundUpdate: Sendable, Equatable {
    /// `update_id`; the next getUpdates offset is this plus one.
    public var updateID: Int64
    /// The normalized event; its `deliveryKey` is the bot id and the `update_id`.
    public var event: InboundEvent
    /// A `callback_query` id to answer after the commit, so the client's button stops spinning.
    public var callbackQueryID: String?
}

/// Turns Bot API updates into `InboundEvent`s: one function per update kind, nothing dropped.
///
/// Ids: the identity is the chat (`chat.id`, the user's id in private chats), so replies go
/// back to the same chat; messages are `chat_id:message_id`, the same format the adapter
/// reports for what it sends, so edits and deliveries correlate.
public struct TelegramUpdateMapper: Sendable {
    /// The channel the events belong to.
    public let channelID: ChannelID
    /// The bot the updates come from; nil for a token without the usual numeric prefix.
    public let botID: Int64?
    /// The bot's @username (without `@`), to recognise mentions and `/command@bot` in groups.
    public let botUsername: String?

    /// Creates a mapper.
    /// - Parameter botID: Part of each receipt key, since `update_id` counts per bot: another bot's
    ///   update with a number this channel saw before is a new update, not a redelivery.
    public init(channelID: ChannelID, botID: Int64?, botUsername: String? = nil) {
        self.channelID = channelID
        self.botID = botID
        self.botUsername = botUsername
    }

    /// Maps one raw update.
    /// - Parameters:
    ///   - raw: The Update object as Telegram sent it.
    ///   - receivedAt: Used for kinds that carry no date (callback queries).
    /// - Returns: nil only when the object has no `update_id`, which Telegram never sends.
    public func map(_ raw: JSONValue, receivedAt: Date) -> TelegramInboundUpdate? {
        guard let updateID = raw["update_id"]?.intValue else { return nil }
        let update = try? TelegramJSON.decoder.decode(TGUpdate.self, from: JSONEncoder().encode(raw))
        var callbackQueryID: String?
        let event: InboundEvent?
        if let message = update?.message, let migration = mapMigration(message, updateID: updateID) {
            event = migration
        } else if let message = update?.message {
            event = mapMessage(message, updateID: updateID, raw: raw)
        } else if let edited = update?.editedMessage {
            event = mapEdit(edited, updateID: updateID)
        } else if let query = update?.callbackQuery {
            callbackQueryID = query.id
            event = mapCallbackQuery(query, updateID: updateID, receivedAt: receivedAt)
        } else if let member = update?.myChatMember {
            event = mapMyChatMember(member, updateID: updateID)
        } else {
            event = nil
        }
        let kind = raw.keys.first { $0 != "update_id" } ?? "empty"
        return TelegramInboundUpdate(
            updateID: updateID,
            event: event ?? unsupported(kind: kind, raw: raw, updateID: updateID, receivedAt: receivedAt),
            callbackQueryID: callbackQueryID
        )
    }

    /// `message`: text, media, location, venue, contact, `/start <payload>`; nil when nothing is recognisable.
    func mapMessage(_ message: TGMessage, updateID: Int64, raw: JSONValue) -> InboundEvent? {
        let content = MessageContent(message)
        guard !content.text.isEmpty || !content.attachments.isEmpty else { return nil }
        var sender = Self.sender(chat: message.chat, user: message.from)
        sender.phone = content.sharedOwnPhone
        var mapped = event(
            updateID,
            sender,
            date: message.date,
            .message(
                externalMessageID: message.externalID,
                text: content.text,
                attachments: content.attachments,
                contextKey: Self.startPayload(message.text)
            )
        )
        // `media_group_id` is unique per album; the chat is part of the key because the bot sees every chat's albums.
        mapped.albumKey = message.mediaGroupId.map { "\(message.chat.id):\($0)" }
        mapped.group = groupFacts(message)
        return mapped
    }

    /// `migrate_to_chat_id` (in the old group) or `migrate_from_chat_id` (in the new supergroup): the
    /// sender is the old chat either way, so both notices name the same move.
    func mapMigration(_ message: TGMessage, updateID: Int64) -> InboundEvent? {
        let old: Int64
        let new: Int64
        if let target = message.migrateToChatId {
            (old, new) = (message.chat.id, target)
        } else if let source = message.migrateFromChatId {
            (old, new) = (source, message.chat.id)
        } else {
            return nil
        }
        let sender = SenderProfile(externalID: String(old), displayName: message.chat.title ?? "")
        return event(updateID, sender, date: message.date, .chatMigrated(toExternalID: String(new)))
    }

    /// `edited_message`: the new text (or caption) of a stored message.
    func mapEdit(_ message: TGMessage, updateID: Int64) -> InboundEvent {
        let sender = Self.sender(chat: message.chat, user: message.from)
        let text = message.text ?? message.caption ?? ""
        var mapped = event(updateID, sender, date: message.editDate ?? message.date, .edit(externalMessageID: message.externalID, text: text))
        mapped.group = groupFacts(message)
        return mapped
    }

    /// `callback_query`: a press of one of our buttons becomes a button press for the automation;
    /// any other button (not ours) stays a client message whose text is the button's data.
    func mapCallbackQuery(_ query: TGCallbackQuery, updateID: Int64, receivedAt: Date) -> InboundEvent {
        let chat = query.message?.chat ?? TGChat(id: query.from.id, type: "private")
        let text = query.data ?? query.gameShortName ?? ""
        let payload: InboundEvent.Payload =
            if let action = ReplyButton.action(fromWire: text) {
                .buttonPress(action: action)
            } else {
                .message(externalMessageID: "callback:\(query.id)", text: text, attachments: [], contextKey: nil)
            }
        // Inline keyboards are the bot's own messages: a press answers the bot.
        let group = Self.isGroup(chat) ? GroupMessageFacts(member: Self.member(query.from), repliesToBot: true) : nil
        return InboundEvent(
            channelID: channelID,
            deliveryKey: deliveryKey(updateID),
            sender: Self.sender(chat: chat, user: query.from),
            occurredAt: receivedAt,
            payload: payload,
            group: group
        )
    }

    /// `my_chat_member`: the client blocked (`kicked`) or unblocked (`member`) the bot.
    func mapMyChatMember(_ update: TGChatMemberUpdated, updateID: Int64) -> InboundEvent {
        let reachable = !["kicked", "left"].contains(update.newChatMember.status)
        return event(updateID, Self.sender(chat: update.chat, user: update.from), date: update.date, .reachability(isReachable: reachable))
    }

    /// Any other kind, or a message with nothing the bridge understands: stored with its raw JSON.
    func unsupported(kind: String, raw: JSONValue, updateID: Int64, receivedAt: Date) -> InboundEvent {
        let body = raw[kind]
        var detailed = kind
        if let message = body, kind.hasSuffix("message") || kind.hasSuffix("post"),
            let content = message.keys.first(where: { !MessageContent.envelopeFields.contains($0) })
        {
            detailed = "\(kind).\(content)"
        }
        let user = body?["from"] ?? body?["user"] ?? body?["message"]?["from"]
        let chatID = body?["chat"]?["id"]?.intValue ?? body?["message"]?["chat"]?["id"]?.intValue ?? user?["id"]?.intValue
        let name = [user?["first_name"], user?["last_name"], body?["chat"]?["title"]].compactMap { value -> String? in
            if case .string(let text)? = value { return text }
            return nil
        }
        let sender = SenderProfile(
            externalID: chatID.map { String($0) } ?? "unknown",
            displayName: name.first.map { _ in name.joined(separator: " ") } ?? "Telegram"
        )
        var group: GroupMessageFacts?
        if case .string(let type)? = body?["chat"]?["type"], type == "group" || type == "supergroup" {
            // A service message (someone joined, the title changed…) is not addressed to the bot.
            let member = user.flatMap { user -> GroupMember? in
                guard let id = user["id"]?.intValue, case .string(let first)? = user["first_name"] else { return nil }
                return GroupMember(externalID: String(id), displayName: first)
            }
            group = GroupMessageFacts(member: member)
        }
        return InboundEvent(
            channelID: channelID,
            deliveryKey: deliveryKey(updateID),
            sender: sender,
            occurredAt: receivedAt,
            payload: .unsupported(kind: detailed, rawJSON: raw.jsonText),
            group: group
        )
    }

    /// The receipt key of an update: `<bot id>:<update_id>`.
    func deliveryKey(_ updateID: Int64) -> String {
        botID.map { "\($0):\(updateID)" } ?? String(updateID)
    }

    private func event(_ updateID: Int64, _ sender: SenderProfile, date: Int64, _ payload: InboundEvent.Payload) -> InboundEvent {
        InboundEvent(
            channelID: channelID,
            deliveryKey: deliveryKey(updateID),
            sender: sender,
            occurredAt: Date(timeIntervalSince1970: TimeInterval(date)),
            payload: payload
        )
    }

    /// In a group or supergroup: who wrote, and whether the message names this bot.
    func groupFacts(_ message: TGMessage) -> GroupMessageFacts? {
        guard Self.isGroup(message.chat) else { return nil }
        let text = message.text ?? message.caption ?? ""
        let entities = message.entities ?? message.captionEntities ?? []
        let handle = botUsername.map { "@" + $0.lowercased() }
        let mentionsBot = entities.contains { entity in
            switch entity.type {
            case "mention": handle != nil && Self.entityText(text, entity).lowercased() == handle
            case "text_mention": entity.user?.id != nil && entity.user?.id == botID
            default: false
            }
        }
        let isCommand = entities.contains { entity in
            guard entity.type == "bot_command", entity.offset == 0 else { return false }
            // `/help@otherbot` is for another bot in the same group.
            let command = Self.entityText(text, entity)
            guard let at = command.firstIndex(of: "@") else { return true }
            return handle != nil && command[at...].lowercased() == handle
        }
        let repliedTo = message.replyToMessage?.from
        let repliesToBot = repliedTo.map { user in botID.map { $0 == user.id } ?? (user.isBot == true && user.username == botUsername) } ?? false
        return GroupMessageFacts(member: message.from.map(Self.member), mentionsBot: mentionsBot, repliesToBot: repliesToBot, isCommand: isCommand)
    }

    static func isGroup(_ chat: TGChat) -> Bool {
        chat.type == "group" || chat.type == "supergroup"
    }

    static func member(_ user: TGUser) -> GroupMember {
        GroupMember(externalID: String(user.id), displayName: user.fullName, username: user.username)
    }

    /// The text an entity covers; its offsets count UTF-16 code units.
    static func entityText(_ text: String, _ entity: TGEntity) -> String {
        let units = Array(text.utf16)
        guard entity.offset >= 0, entity.length >= 0, entity.offset + entity.length <= units.count else { return "" }
        return String(decoding: units[entity.offset..<(entity.offset + entity.length)], as: UTF16.self)
    }

    /// The chat is the identity; the name is the user's in private chats and the group's title elsewhere.
    static func sender(chat: TGChat, user: TGUser?) -> SenderProfile {
        let isPrivate = chat.type == "private"
        let chatName = [chat.firstName ?? "", chat.lastName ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
        let name = isPrivate ? (user?.fullName ?? chatName) : (chat.title ?? user?.fullName ?? "")
        return SenderProfile(
            externalID: String(chat.id),
            displayName: name,
            username: isPrivate ? (user?.username ?? chat.username) : chat.username,
            language: user?.languageCode
        )
    }

    /// The deep-link payload of `/start <payload>` (also `/start@bot <payload>`).
    static func startPayload(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/start") else { return nil }
        let command = text.prefix { !$0.isWhitespace }
        guard command == "/start" || command.hasPrefix("/start@") else { return nil }
        let payload = text.dropFirst(command.count).trimmingCharacters(in: .whitespacesAndNewlines)
        return payload.isEmpty ? nil : payload
    }
}
