import Foundation

/// What a message in the staff group asks for, read from its text alone.
public enum StaffCommand: Sendable, Equatable {
    /// Plain text: an answer to the client.
    case reply(String)
    /// `!text` or `/note text`: a private note.
    case note(String)
    /// `/link CODE`: ties the sender's Telegram account to a Switchboard operator.
    case link(String)
    /// `/take`: the sender takes the conversation.
    case take
    /// `/resolve`: the conversation is done.
    case resolve
    /// `/transfer NAME`: hands the conversation to another operator.
    case transfer(String)
    /// `/ban REASON`: bans the topic's client (supervisors and admins).
    case ban(String)
    /// A command this desk does not have, or one used wrongly; the text says which and how.
    case unusable(String)

    /// Reads a message. Commands may carry the bot's name (`/take@desk_bot`), as Telegram clients add it
    /// in groups; a command for another bot is unusable.
    /// - Parameter botUsername: the bot's @username without `@`, when known.
    public static func parse(_ text: String, botUsername: String?) -> StaffCommand {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("!") { return .note(String(trimmed.dropFirst()).trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard trimmed.hasPrefix("/") else { return .reply(text) }
        let word = trimmed.prefix { !$0.isWhitespace }
        let argument = trimmed.dropFirst(word.count).trimmingCharacters(in: .whitespacesAndNewlines)
        var name = word.dropFirst().lowercased()
        if let at = name.firstIndex(of: "@") {
            let addressee = name[name.index(after: at)...]
            guard botUsername.map({ $0.lowercased() == addressee }) ?? true else { return .unusable("that command is for another bot") }
            name = String(name[..<at])
        }
        switch name {
        case "note": return argument.isEmpty ? .unusable("write the note after /note") : .note(argument)
        case "link": return argument.isEmpty ? .unusable("send /link with the code from the inbox, e.g. /link 483920") : .link(argument)
        case "take": return .take
        case "resolve": return .resolve
        case "transfer": return argument.isEmpty ? .unusable("name the operator: /transfer NAME") : .transfer(argument)
        case "ban": return argument.isEmpty ? .unusable("give the reason: /ban REASON") : .ban(argument)
        default: return .unusable("unknown command /\(name): use /take, /resolve, /transfer NAME, /ban REASON, /note TEXT or start with !")
        }
    }
}
