/// Splits long text into messages Telegram accepts, at sensible boundaries.
enum TextSplitter {
    /// Splits `text` into pieces of at most `limit` UTF-16 code units (Telegram counts its 4096 in those).
    ///
    /// A piece ends at the last newline of the window if there is one in its second half, else at the
    /// last space there, else at the last whole character that fits. The one newline or space a
    /// split happens at is dropped, because Telegram trims it from the message anyway; characters
    /// (including emoji made of several scalars) are never cut in two.
    static func split(_ text: String, limit: Int) -> [String] {
        precondition(limit > 1, "a message must hold at least two UTF-16 units")
        var pieces: [String] = []
        var rest = Substring(text)
        while rest.utf16.count > limit {
            var index = rest.startIndex
            var units = 0
            var lastNewline: String.Index?
            var lastSpace: String.Index?
            while index < rest.endIndex {
                let character = rest[index]
                let width = character.utf16.count
                if units + width > limit { break }
                if units >= limit / 2 {
                    if character.isNewline { lastNewline = index }
                    if character == " " { lastSpace = index }
                }
                units += width
                index = rest.index(after: index)
            }
            if let cut = lastNewline ?? lastSpace {
                pieces.append(String(rest[..<cut]))
                rest = rest[rest.index(after: cut)...]
            } else {
                pieces.append(String(rest[..<index]))
                rest = rest[index...]
            }
        }
        if !rest.isEmpty { pieces.append(String(rest)) }
        // Telegram refuses empty messages; a whitespace-only piece carries nothing a client would see.
        return pieces.filter { !$0.allSatisfy(\.isWhitespace) }
    }
}
