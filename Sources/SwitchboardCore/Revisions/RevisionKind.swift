/// What a revision does to a sent message.
public enum RevisionKind: String, Sendable, Codable, CaseIterable {
    /// The text (or a lone file's caption) changes.
    case edit
    /// The message disappears from the client's chat.
    case delete
}
