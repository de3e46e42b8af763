/// Why an operator's edit or deletion of a message is refused; nothing is stored or sent.
public enum RevisionRefusal: Error, Sendable, Equatable {
    /// No such message in the named conversation.
    case notFound
    /// Only operators' replies can be revised (not client messages, the bot's messages or notes).
    case notAReply
    /// Someone else's reply, and the viewer is neither a supervisor nor an admin.
    case notAllowed
    /// The messenger does not let bots edit or delete sent messages (Viber).
    case messengerCannotRevise(ChannelKind)
    /// The reply has not reached the messenger (still queued, or failed).
    case notSent
    /// The reply was deleted already.
    case deleted
    /// The messenger's window for this reply is over.
    case windowClosed(hours: Int)
    /// The reply went out as several messages; only a deletion (of all of them) is possible.
    case severalParts(Int)
    /// The new text is the text the reply has.
    case unchanged
    /// A text message cannot be edited to nothing.
    case empty
    /// The new text is over the messenger's limit for this kind of message.
    case tooLong(limit: Int)

    /// A stable machine-readable code for API clients.
    public var code: String {
        switch self {
        case .notFound: "not_found"
        case .notAReply: "not_a_reply"
        case .notAllowed: "forbidden"
        case .messengerCannotRevise: "messenger_cannot_revise"
        case .notSent: "not_sent"
        case .deleted: "deleted"
        case .windowClosed: "window_closed"
        case .severalParts: "several_parts"
        case .unchanged: "unchanged"
        case .empty: "empty"
        case .tooLong: "too_long"
        }
    }

    /// A sentence for the operator.
    public var message: String {
        switch self {
        case .notFound: "No such message in this conversation."
        case .notAReply: "Only operators' replies can be edited or deleted."
        case .notAllowed: "Only the reply's author, a supervisor or an admin may edit or delete it."
        case .messengerCannotRevise(let kind):
            "\(kind.displayName) does not let bots edit or delete sent messages; send a correction as a new reply instead."
        case .notSent: "This reply has not reached the messenger; only a sent reply can be edited or deleted."
        case .deleted: "This reply was deleted."
        case .windowClosed(let hours): "Replies can be edited or deleted for \(hours) hours after sending; send a correction instead."
        case .severalParts(let count):
            "This reply went out as \(count) messages, so it cannot be edited; delete it and send a corrected reply."
        case .unchanged: "The new text is the same as the reply's text."
        case .empty: "A text reply cannot be edited to nothing; delete it instead."
        case .tooLong(let limit): "The new text is over the messenger's limit of \(limit) characters for this message."
        }
    }
}

extension ChannelKind {
    /// The messenger's name as people write it.
    public var displayName: String {
        switch self {
        case .telegram: "Telegram"
        case .viber: "Viber"
        }
    }
}
