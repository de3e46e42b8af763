/// What an operator asks to change in one of the desk's sent replies.
public struct RevisionRequest: Sendable, Equatable {
    /// The new content, or the deletion.
    public enum Change: Sendable, Equatable {
        case edit(text: String)
        case delete

        /// The kind of revision the change makes.
        public var kind: RevisionKind {
            switch self {
            case .edit: .edit
            case .delete: .delete
            }
        }
    }

    public var messageID: MessageID
    /// The conversation the caller named; a message of another conversation is not found.
    public var conversationID: ConversationID
    /// Who asks: decides whether they may.
    public var viewer: Viewer
    public var change: Change

    /// Creates a request.
    public init(messageID: MessageID, conversationID: ConversationID, viewer: Viewer, change: Change) {
        self.messageID = messageID
        self.conversationID = conversationID
        self.viewer = viewer
        self.change = change
    }
}
