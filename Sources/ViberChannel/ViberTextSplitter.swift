/// Splits long text into messages Viber accepts, preferring newlines, then spaces.
enum ViberTextSplitter {
    /// Pieces of at most `limit` UTF-16 units (Viber counts its 7000 in those); whitespace-only pieces are dropped.
    static func split(_ text: String, limit: Int) -> [String] {
        var pieces: [String] = []
        var rest = Substring(text)
        while rest.utf16.count > limit {
            var end = rest.startIndex
            var units = 0
            var lastBreak: String.Index?
            while end < rest.endIndex, units + rest[end].utf16.count <= limit {
                // Only a break in the second half is worth it; earlier ones would make tiny messages.
                if units >= limit / 2, rest[end].isNewline || rest[end] == " " { lastBreak = end }
                units += rest[end].utf16.count
                end = rest.index(after: end)
            }
            let cut = lastBreak ?? end
            pieces.append(String(rest[..<cut]))
            rest = lastBreak.map { rest[rest.index(after: $0)...] } ?? rest[cut...]
        }
        pieces.append(String(rest))
        return pieces.filter { !$0.allSatisfy(\.isWhitespace) }
    }
}
