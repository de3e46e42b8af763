/// What a client sends, as the desk stores it: without U+0000.
///
/// A NUL is not text anyone writes, but a messenger's JSON may carry one (`\u0000`), and each
/// engine mishandles it in its own way: SQLite cuts the text off at the NUL, and PostgreSQL refuses
/// the row and fails the whole statement. So it becomes U+FFFD, the replacement character, as a
/// decoder shows a byte it cannot use, before either engine sees it.
public enum StorableText {
    /// The replacement for U+0000.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// `text` without NUL; the same string when it has none, which is the common case and costs one scan.
    public static func clean(_ text: String) -> String {
        guard text.utf8.contains(0) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(scalar == "\u{0}" ? replacement : scalar) }
        return String(scalars)
    }

    /// The event with every text a client controls cleaned: what it wrote, and the names and
    /// handles its messenger reports.
    public static func clean(_ event: InboundEvent) -> InboundEvent {
        var event = event
        event.sender.displayName = clean(event.sender.displayName)
        event.sender.username = event.sender.username.map(clean)
        event.sender.phone = event.sender.phone.map(clean)
        if var member = event.group?.member {
            member.displayName = clean(member.displayName)
            member.username = member.username.map(clean)
            event.group?.member = member
        }
        switch event.payload {
        case .message(let id, let text, let attachments, let contextKey):
            event.payload = .message(externalMessageID: id, text: clean(text), attachments: attachments, contextKey: contextKey)
        case .edit(let id, let text):
            event.payload = .edit(externalMessageID: id, text: clean(text))
        case .unsupported(let kind, let rawJSON):
            event.payload = .unsupported(kind: kind, rawJSON: clean(rawJSON))
        case .reachability, .delivery, .opened, .buttonPress, .chatMigrated:
            break
        }
        return event
    }
}
