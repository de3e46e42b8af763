/// Who the client sees as the sender of an outbound message (Viber shows a name and an avatar per message).
///
/// The client sees whoever holds the conversation *now* (after a transfer, the new operator), then the
/// reply's author, then the bot persona. An automatic message wears the current persona but is never
/// signed with a person's name.
public struct PersonaChoice: Sendable, Equatable {
    /// The name and avatar to send with the message.
    public var sender: Persona
    /// Whether the sender is a person, so adapters may sign the text with the name.
    public var isFromOperator: Bool

    /// Chooses the persona of one outbound message.
    /// - Parameters:
    ///   - channel: the channel's bot persona.
    ///   - holder: the operator holding the conversation, if any.
    ///   - author: the operator who wrote the message, if any.
    ///   - isAutomatic: the bot wrote the message (a greeting, a farewell, a feedback question).
    public init(channel: Persona, holder: Persona?, author: Persona?, isAutomatic: Bool) {
        let person = holder ?? author
        sender = person ?? channel
        isFromOperator = person != nil && !isAutomatic
    }
}
