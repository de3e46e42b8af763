/// Finds words and short phrases in client text, ignoring case, the word's ending and
/// look-alike Latin/Cyrillic letters, and only on whole words ("cooperator" is not "operator").
///
/// The rule is deliberately small: a listed word keeps its stem (the word minus a common
/// Russian/Ukrainian or English ending) and matches any text word made of that stem plus one of
/// the known endings. That covers "оператора", "оператору", "людини", "humans" and "agents"
/// without a dictionary.
public struct WordMatcher: Sendable, Equatable {
    /// One listed phrase: its words as stems, and the phrase as written.
    struct Pattern: Sendable, Equatable {
        var stems: [Stem]
        var phrase: String
    }

    /// A stem and whether endings are allowed after it (very short words must match exactly).
    struct Stem: Sendable, Equatable {
        var text: String
        var inflects: Bool
        var cyrillic: Bool
    }

    let patterns: [Pattern]

    /// Creates a matcher for phrases such as "operator" or "живой человек".
    public init(phrases: [String]) {
        patterns = phrases.compactMap { phrase in
            let words = Self.words(in: phrase)
            guard !words.isEmpty else { return nil }
            return Pattern(stems: words.map(Self.stem), phrase: phrase)
        }
    }

    /// The listed phrases found in `text`, each match consuming its words, in list order.
    public func matches(in text: String) -> [String] {
        matchRanges(in: Self.words(in: text), excluding: []).map(\.phrase)
    }

    /// Whether any listed phrase occurs in `text`.
    public func firstMatch(in text: String) -> String? {
        matches(in: text).first
    }

    /// Matches over already split words; returns each phrase with the word positions it used.
    func matchRanges(in words: [String], excluding taken: Set<Int>) -> [(phrase: String, positions: Range<Int>)] {
        var used = taken
        var found: [(phrase: String, positions: Range<Int>)] = []
        for pattern in patterns where pattern.stems.count <= words.count {
            for start in 0...(words.count - pattern.stems.count) {
                let range = start..<(start + pattern.stems.count)
                guard !range.contains(where: used.contains) else { continue }
                if zip(words[range], pattern.stems).allSatisfy({ Self.word($0, matches: $1) }) {
                    found.append((pattern.phrase, range))
                    used.formUnion(range)
                }
            }
        }
        return found
    }

    // MARK: - Folding and stems

    /// Lower-cased words of the text with look-alike letters folded, split on anything not a letter.
    static func words(in text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter }).map { fold(String($0)) }
    }

    /// Cyrillic letters that look like Latin ones become the Latin letter, and ё becomes е, so
    /// "oпepaтop" typed with mixed keyboards still matches.
    static func fold(_ word: String) -> String {
        String(word.map { lookAlikes[$0] ?? $0 })
    }

    static let lookAlikes: [Character: Character] = [
        "а": "a", "е": "e", "ё": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
    ]

    static func isCyrillic(_ word: String) -> Bool {
        word.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }
    }

    static let cyrillicEndings: [String] = [
        "а", "я", "у", "ю", "ом", "ем", "ём", "ой", "ей", "ою", "ею", "е", "и", "ы", "і", "ї", "ов", "ев", "ів", "ам", "ям", "ами",
        "ями", "ах", "ях", "ові", "еві", "ого", "его", "ому", "ему", "ым", "им", "ая", "яя", "ую", "юю", "ые", "ие", "ых", "их",
        "ыми", "ими", "ий", "ій", "ої", "ый", "ое", "о", "ь", "й", "ла", "ло",
    ].map(fold)

    static let englishEndings: [String] = ["s", "es", "ed", "ing", "ly"]

    /// The stem of a listed word: a long word loses a common ending so other forms match it.
    static func stem(_ word: String) -> Stem {
        let cyrillic = isCyrillic(word)
        guard word.count >= 4 else { return Stem(text: word, inflects: false, cyrillic: cyrillic) }
        guard cyrillic, word.count >= 5 else { return Stem(text: word, inflects: true, cyrillic: cyrillic) }
        let strippable = cyrillicEndings.filter { $0.count <= 2 && word.hasSuffix($0) && word.count - $0.count >= 3 }
        guard let longest = strippable.max(by: { $0.count < $1.count }) else { return Stem(text: word, inflects: true, cyrillic: true) }
        return Stem(text: String(word.dropLast(longest.count)), inflects: true, cyrillic: true)
    }

    static func word(_ word: String, matches stem: Stem) -> Bool {
        guard stem.inflects else { return word == stem.text }
        guard word.hasPrefix(stem.text) else { return false }
        let ending = String(word.dropFirst(stem.text.count))
        return ending.isEmpty || (stem.cyrillic ? cyrillicEndings : englishEndings).contains(ending)
    }
}
