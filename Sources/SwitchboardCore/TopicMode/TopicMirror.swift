import Foundation

/// One Telegram call of a mirrored message.
public enum TopicPart: Sendable, Equatable {
    /// A text message.
    case text(String)
    /// A file the bot already has, sent again by its `file_id`.
    case file(AttachmentKind, fileID: String)
}

/// How a stored message reads in its topic: who wrote it, its text, and its files by reference.
public enum TopicMirror {
    /// Kinds Telegram re-sends by `file_id` (`sendPhoto`, `sendDocument`, …).
    static let resendable: Set<AttachmentKind> = [.photo, .document, .voice, .audio, .video]

    /// The parts, text first; a file without a Telegram `file_id` (from Viber, a location, a contact)
    /// is described in the text instead.
    /// - Parameter authorName: the operator's display name for a reply; ignored for the client.
    public static func parts(of message: Message, authorName: String?) -> [TopicPart] {
        let files = message.attachments.compactMap { attachment -> TopicPart? in
            guard resendable.contains(attachment.kind), let id = attachment.externalFileID, !id.isEmpty else { return nil }
            return .file(attachment.kind, fileID: id)
        }
        let described = message.attachments.filter { attachment in
            !(resendable.contains(attachment.kind) && attachment.externalFileID?.isEmpty == false)
        }
        var body = message.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let notes = described.map { "[\($0.kind.rawValue)\($0.fileName.map { ": \($0)" } ?? "")]" }
        if !notes.isEmpty { body = ([body] + notes).filter { !$0.isEmpty }.joined(separator: "\n") }
        var parts: [TopicPart] = []
        if !body.isEmpty || files.isEmpty {
            parts.append(.text(String((header(message, authorName: authorName) + body).prefix(4096))))
        }
        return parts + files
    }

    private static func header(_ message: Message, authorName: String?) -> String {
        switch message.author {
        case .client: "👤 "
        case .operator: "↩️ \(authorName ?? "Operator") (inbox): "
        case .bot: "🤖 "
        case .system: "ℹ️ "
        }
    }
}
