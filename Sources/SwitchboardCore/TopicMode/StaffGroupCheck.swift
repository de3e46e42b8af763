/// What Telegram says about a would-be staff group, as the adapter reads it from `getChat` and the
/// bot's own `getChatMember`.
public struct StaffGroupFacts: Sendable, Equatable {
    /// `Chat.type`: `private`, `group`, `supergroup` or `channel`.
    public var chatType: String
    /// `Chat.is_forum`: topics are enabled.
    public var isForum: Bool
    /// The bot's `ChatMember.status`: `creator`, `administrator`, `member`, `left`, ….
    public var botStatus: String
    /// The bot's `can_manage_topics` (a creator has every right).
    public var botCanManageTopics: Bool

    /// Creates facts.
    public init(chatType: String, isForum: Bool, botStatus: String, botCanManageTopics: Bool) {
        self.chatType = chatType
        self.isForum = isForum
        self.botStatus = botStatus
        self.botCanManageTopics = botCanManageTopics
    }
}

/// Something that keeps a chat from serving as a channel's staff group, worded for the admin.
public enum StaffGroupProblem: Sendable, Equatable, CustomStringConvertible {
    /// Topics exist only in supergroups.
    case notASupergroup(chatType: String)
    /// The supergroup has topics turned off.
    case notAForum
    /// The bot is not an administrator of the group.
    case botNotAdmin(status: String)
    /// The bot is an administrator without "Manage topics".
    case cannotManageTopics

    public var description: String {
        switch self {
        case .notASupergroup(let type):
            "the chat is a \(type), not a supergroup: create a group, then turn Topics on in its settings"
        case .notAForum:
            "the group has no topics: turn Topics on in the group's settings"
        case .botNotAdmin(let status):
            "the bot is not an administrator of the group (it is \(status)): promote it to administrator"
        case .cannotManageTopics:
            "the bot may not manage topics: in the group's Administrators, give the bot \"Manage topics\""
        }
    }
}

/// Decides whether a chat can be a staff group: a forum supergroup where the bot is an admin allowed
/// to manage topics. Every missing piece is named, so the admin fixes them all in one visit.
public enum StaffGroupCheck {
    /// The problems, in the order an admin fixes them; empty when the group is ready.
    public static func problems(_ facts: StaffGroupFacts) -> [StaffGroupProblem] {
        var problems: [StaffGroupProblem] = []
        if facts.chatType != "supergroup" {
            problems.append(.notASupergroup(chatType: facts.chatType))
        } else if !facts.isForum {
            problems.append(.notAForum)
        }
        switch facts.botStatus {
        case "creator":
            break
        case "administrator":
            if !facts.botCanManageTopics { problems.append(.cannotManageTopics) }
        default:
            problems.append(.botNotAdmin(status: facts.botStatus))
        }
        return problems
    }
}
