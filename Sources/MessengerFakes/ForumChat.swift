import Foundation

/// A supergroup the test registered with the fake: its forum flag, who is in it, and its topics.
///
/// Chats the test never registers keep the fake's lenient behaviour (any `message_thread_id` is
/// accepted), so only registered forums check topics and rights the way Telegram does.
struct ForumChat {
    /// One forum topic; its `message_thread_id` is the id of the service message that opened it.
    struct Topic {
        /// `message_thread_id`.
        var threadId: Int
        /// `name`, 1–128 characters.
        var name: String
        /// `icon_color`, one of ``ForumChat/iconColors``.
        var iconColor: Int
        /// `icon_custom_emoji_id`, when set.
        var iconCustomEmojiId: String?
        /// Closed topics accept messages only from admins allowed to manage topics.
        var isClosed = false

        /// The Bot API `ForumTopic` object.
        var json: [String: Any] {
            var object: [String: Any] = ["message_thread_id": threadId, "name": name, "icon_color": iconColor]
            object["icon_custom_emoji_id"] = iconCustomEmojiId
            return object
        }
    }

    /// Colors `createForumTopic` accepts (TG-spec `createForumTopic.icon_color`).
    static let iconColors: Set<Int> = [0x6FB9F0, 0xFFD67E, 0xCB86DB, 0x8EEE98, 0xFF93B2, 0xFB6F5F]

    /// Longest topic name, in characters.
    static let maxNameLength = 128

    /// `title`.
    var title: String
    /// `is_forum`: whether topics are enabled.
    var isForum: Bool
    /// The bot's own membership.
    var botRole: FakeTelegram.ChatRole
    /// Other members by user id.
    var members: [Int64: (user: FakeTelegram.User, role: FakeTelegram.ChatRole)] = [:]
    /// Topics by `message_thread_id`.
    var topics: [Int: Topic] = [:]

    /// Whether the bot may create, edit, close and reopen topics.
    var botManagesTopics: Bool {
        switch botRole {
        case .creator: true
        case .administrator(let canManageTopics): canManageTopics
        case .member, .left: false
        }
    }

    /// The `Chat` object messages in this chat carry.
    func chatJSON(id: Int64) -> [String: Any] {
        var object: [String: Any] = ["id": id, "type": "supergroup", "title": title]
        if isForum { object["is_forum"] = true }
        return object
    }
}

extension FakeTelegram {
    /// A member's standing in a registered supergroup, as `getChatMember` reports it.
    public enum ChatRole: Sendable, Equatable {
        /// `creator`: every right.
        case creator
        /// `administrator`, with or without `can_manage_topics`.
        case administrator(canManageTopics: Bool)
        /// `member`: no admin rights.
        case member
        /// `left`: not in the chat.
        case left
    }

    /// A forum topic as the fake holds it, for inspection.
    public struct ForumTopic: Sendable, Equatable {
        /// `message_thread_id`.
        public var threadId: Int
        /// Current name.
        public var name: String
        /// `icon_color`.
        public var iconColor: Int
        /// `icon_custom_emoji_id`.
        public var iconCustomEmojiId: String?
        /// Whether the topic is closed.
        public var isClosed: Bool
    }
}

extension FakeTelegram.ChatRole {
    /// The Bot API `ChatMember` object for `user`.
    func memberJSON(user: [String: Any]) -> [String: Any] {
        switch self {
        case .creator:
            return ["status": "creator", "user": user, "is_anonymous": false]
        case .administrator(let canManageTopics):
            return [
                "status": "administrator", "user": user, "can_be_edited": false, "is_anonymous": false, "can_manage_chat": true,
                "can_delete_messages": true, "can_manage_video_chats": true, "can_restrict_members": true,
                "can_promote_members": false, "can_change_info": true, "can_invite_users": true, "can_post_stories": false,
                "can_edit_stories": false, "can_delete_stories": false, "can_pin_messages": true,
                "can_manage_topics": canManageTopics,
            ]
        case .member:
            return ["status": "member", "user": user]
        case .left:
            return ["status": "left", "user": user]
        }
    }

    /// Whether `getChatAdministrators` lists this member.
    var isAdministrator: Bool {
        switch self {
        case .creator, .administrator: true
        case .member, .left: false
        }
    }
}
