public import Foundation

/// One earlier text of a message, kept when it was edited (by the client or by an operator).
public struct MessageEdit: Sendable, Codable, Equatable {
    /// The text the message had before this edit.
    public var previousText: String
    public var editedAt: Date
    /// Who edited it: the client, or the operator who revised a reply.
    public var editor: MessageAuthor

    /// Creates an edit record.
    public init(previousText: String, editedAt: Date, editor: MessageAuthor) {
        self.previousText = previousText
        self.editedAt = editedAt
        self.editor = editor
    }
}
