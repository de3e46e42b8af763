import Foundation

/// Where the searched words appear in a text, so the inbox can mark them without parsing markup.
public enum SearchHighlight {
    /// Ranges are capped: a long message full of matches needs only the first few marked.
    public static let maxRanges = 32

    /// The UTF-16 offsets `[start, end)` of every word of `text` that starts with one of `words`,
    /// ignoring case and diacritics as the full-text index does. UTF-16, because the inbox slices
    /// strings in JavaScript.
    public static func ranges(in text: String, words: [String]) -> [Range<Int>] {
        let prefixes = words.map(fold).filter { !$0.isEmpty }
        guard !prefixes.isEmpty else { return [] }
        var ranges: [Range<Int>] = []
        var offset = 0
        var wordStart: Int?
        var word = ""
        func close() {
            guard let start = wordStart else { return }
            let folded = fold(word)
            if prefixes.contains(where: { folded.hasPrefix($0) }) { ranges.append(start..<offset) }
            wordStart = nil
            word = ""
        }
        for character in text {
            if SearchQuery.isWordCharacter(character) {
                if wordStart == nil { wordStart = offset }
                word.append(character)
            } else {
                close()
                if ranges.count >= maxRanges { return ranges }
            }
            offset += character.utf16.count
        }
        close()
        return Array(ranges.prefix(maxRanges))
    }

    private static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}
