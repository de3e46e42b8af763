/// Whether a message is for the desk. In a private chat every message is. In a group, people talk to
/// each other too: only a message addressed to the bot (a mention, a reply to the bot, a command)
/// opens, reopens or queues a conversation, unless the channel answers every group message.
///
/// A group message that is not addressed still joins the group's latest conversation as context
/// (operators see the whole exchange), without changing its status, queue or automation. When the
/// group has no conversation yet, it is not stored: there is nothing for it to be context of.
public enum GroupAddressRule {
    /// - Parameters:
    ///   - group: The group facts of the message; nil in a private chat.
    ///   - answersEveryGroupMessage: The channel's setting.
    public static func isAddressed(_ group: GroupMessageFacts?, answersEveryGroupMessage: Bool) -> Bool {
        guard let group else { return true }
        return answersEveryGroupMessage || group.mentionsBot || group.repliesToBot || group.isCommand
    }
}
