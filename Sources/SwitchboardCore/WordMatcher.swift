/// Finds words and short phrases in client text, ignoring case, the word's ending and
/// look-alike Latin/Cyrillic letters, and only on whole words ("cooperator" is not "operator").
///
/// The rule is deliberately small: a listed word keeps its stem (the word minus a common
/// Russian/Ukrainian or English ending) and matches any text word made of that stem plus one of
/// the known endings. That covers "оператора", "оператору", "людини", "humans" and "agents"
/// without a dictionary. Words are compared as UTF-8 bytes: this runs on every client message.
public struct WordMatcher: Sendable, Equatable {
    /// A folded word as UTF-8 bytes.
    typealias Word = [UInt8]

    /// One listed phrase: its words as stems, and the phrase as written.
    struct Pattern: Sendable, Equatable {
        var stems: [Stem]
        var phrase: String
    }

    /// A stem and whether endings are allowed after it (very short words must match exactly).
    struct Stem: Sendable, Equatable {
        var bytes: Word
        var inflects: Bool
        var cyrillic: Bool
    }

    let patterns: [Pattern]
    /// Patterns by the first two bytes of their first stem, so most text words are skipped at once.
    let byLead: [UInt16: [Int]]

    /// Creates a matcher for phrases such as "operator" or "живой человек".
    public init(phrases: [String]) {
        patterns = phrases.compactMap { phrase in
            let words = Self.words(in: phrase)
            guard !words.isEmpty else { return nil }
            return Pattern(stems: words.map(Self.stem), phrase: phrase)
        }
        var index: [UInt16: [Int]] = [:]
        for (position, pattern) in patterns.enumerated() {
            if let lead = Self.lead(pattern.stems[0].bytes) { index[lead, default: []].append(position) }
        }
        byLead = index
    }

    /// The listed phrases found in `text`, each match consuming its words, in list order.
    public func matches(in text: String) -> [String] {
        matchRanges(in: Self.words(in: text), excluding: []).map(\.phrase)
    }

    /// The first listed phrase (in list order) that occurs in `text`.
    public func firstMatch(in text: String) -> String? {
        firstMatch(in: Self.words(in: text))
    }

    /// The first listed phrase found in already split words. The same as the first of `matchRanges`:
    /// until a phrase matches, no word is taken, so the search may stop there.
    func firstMatch(in words: [Word]) -> String? {
        guard let starts = starts(in: words) else { return nil }
        for (index, pattern) in patterns.enumerated() {
            for start in starts[index] where Self.pattern(pattern, occursAt: start, in: words) {
                return pattern.phrase
            }
        }
        return nil
    }

    /// For each pattern, the positions of the text words that share its first stem's lead bytes, in
    /// text order: only there can it start. Nil when no word leads into any pattern.
    private func starts(in words: [Word]) -> [[Int]]? {
        var starts: [[Int]]?
        for (position, word) in words.enumerated() {
            guard let lead = Self.lead(word), let found = byLead[lead] else { continue }
            if starts == nil { starts = Array(repeating: [], count: patterns.count) }
            for index in found { starts?[index].append(position) }
        }
        return starts
    }

    /// Whether the pattern's stems match the text words from `start` on.
    private static func pattern(_ pattern: Pattern, occursAt start: Int, in words: [Word]) -> Bool {
        guard start + pattern.stems.count <= words.count else { return false }
        for (offset, stem) in pattern.stems.enumerated() where !word(words[start + offset], matches: stem) {
            return false
        }
        return true
    }

    /// Matches over already split words; returns each phrase with the word positions it used.
    func matchRanges(in words: [Word], excluding taken: Set<Int>) -> [(phrase: String, positions: Range<Int>)] {
        guard let starts = starts(in: words) else { return [] }
        var used = [Bool](repeating: false, count: words.count)
        for position in taken where position < words.count { used[position] = true }
        var found: [(phrase: String, positions: Range<Int>)] = []
        for (index, pattern) in patterns.enumerated() {
            for start in starts[index] where Self.pattern(pattern, occursAt: start, in: words) {
                let range = start..<(start + pattern.stems.count)
                guard !range.contains(where: { used[$0] }) else { continue }
                found.append((pattern.phrase, range))
                for position in range { used[position] = true }
            }
        }
        return found
    }

    // MARK: - Folding and stems

    /// Lower-cased words of the text with look-alike letters folded, split on anything not a letter.
    /// One pass over Unicode scalars: Character-level splitting costs more than all the matching.
    static func words(in text: String) -> [Word] {
        var words: [Word] = []
        var current: Word = []
        for scalar in text.unicodeScalars {
            guard isLetter(scalar) else {
                if !current.isEmpty {
                    words.append(current)
                    current.removeAll(keepingCapacity: true)
                }
                continue
            }
            if let lower = fastLowercase(scalar) {
                let folded = lower.value >= 0x0430 ? (lookAlikes[lower] ?? lower) : lower
                UTF8.encode(folded) { current.append($0) }
            } else {
                current.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// The folded UTF-8 bytes of one word.
    static func fold(_ word: String) -> Word {
        words(in: word).first ?? []
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0x0400...0x0481, 0x048A...0x04FF: true
        case 0...0x7F: false
        default: scalar.properties.isAlphabetic
        }
    }

    /// The lower case of a Latin or Cyrillic letter; nil for other scripts (the slow path handles them).
    static func fastLowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let value = scalar.value
        switch value {
        case 0x41...0x5A, 0x0410...0x042F: return Unicode.Scalar(value + 0x20)
        case 0x0400...0x040F: return Unicode.Scalar(value + 0x50)
        case 0x61...0x7A, 0x0430...0x045F: return scalar
        default: return nil
        }
    }

    static let lookAlikes: [Unicode.Scalar: Unicode.Scalar] = [
        "а": "a", "е": "e", "ё": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
    ]

    static func lead(_ word: Word) -> UInt16? {
        word.count >= 2 ? UInt16(word[0]) << 8 | UInt16(word[1]) : nil
    }

    /// Whether a folded word has Cyrillic letters (their UTF-8 lead bytes are 0xD0–0xD3).
    static func isCyrillic(_ word: Word) -> Bool {
        word.contains { (0xD0...0xD3).contains($0) }
    }

    static let cyrillicEndingList: [Word] = [
        "а", "я", "у", "ю", "ом", "ем", "ём", "ой", "ей", "ою", "ею", "е", "и", "ы", "і", "ї", "ов", "ев", "ів", "ам", "ям", "ами",
        "ями", "ах", "ях", "ові", "еві", "ого", "его", "ому", "ему", "ым", "им", "ая", "яя", "ую", "юю", "ые", "ие", "ых", "их",
        "ыми", "ими", "ий", "ій", "ої", "ый", "ое", "о", "ь", "й", "ла", "ло",
    ].map(fold)

    static let cyrillicEndings = Set(cyrillicEndingList)
    static let englishEndings: Set<Word> = Set(["s", "es", "ed", "ing", "ly"].map(fold))

    /// The stem of a listed word: a long word loses a common ending so other forms match it.
    static func stem(_ word: Word) -> Stem {
        let cyrillic = isCyrillic(word)
        let letters = String(decoding: word, as: UTF8.self).count
        guard letters >= 4 else { return Stem(bytes: word, inflects: false, cyrillic: cyrillic) }
        guard cyrillic, letters >= 5 else { return Stem(bytes: word, inflects: true, cyrillic: cyrillic) }
        // Keep at least three letters (about six bytes) of the stem.
        let strippable = cyrillicEndingList.filter { $0.count <= 4 && word.count - $0.count >= 5 && word.suffix($0.count).elementsEqual($0) }
        guard let longest = strippable.max(by: { $0.count < $1.count }) else { return Stem(bytes: word, inflects: true, cyrillic: true) }
        return Stem(bytes: Array(word.dropLast(longest.count)), inflects: true, cyrillic: true)
    }

    static func word(_ word: Word, matches stem: Stem) -> Bool {
        guard stem.inflects else { return word == stem.bytes }
        guard word.count >= stem.bytes.count, word.prefix(stem.bytes.count).elementsEqual(stem.bytes) else { return false }
        if word.count == stem.bytes.count { return true }
        return (stem.cyrillic ? cyrillicEndings : englishEndings).contains(Array(word.dropFirst(stem.bytes.count)))
    }
}
