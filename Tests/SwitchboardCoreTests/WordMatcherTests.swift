import Testing

@testable import SwitchboardCore

@Suite struct WordMatcherTests {
    /// The matcher looks only at the words that share a phrase's first two bytes; this is the plain
    /// search it must agree with: every phrase in list order, every start position in text order.
    static func plainMatches(_ matcher: WordMatcher, in words: [WordMatcher.Word], excluding taken: Set<Int>) -> [String] {
        var used = [Bool](repeating: false, count: words.count)
        for position in taken where position < words.count { used[position] = true }
        var found: [String] = []
        for pattern in matcher.patterns where pattern.stems.count <= words.count {
            for start in 0...(words.count - pattern.stems.count) {
                let range = start..<(start + pattern.stems.count)
                guard !range.contains(where: { used[$0] }) else { continue }
                guard zip(words[range], pattern.stems).allSatisfy({ WordMatcher.word($0, matches: $1) }) else { continue }
                found.append(pattern.phrase)
                for position in range { used[position] = true }
            }
        }
        return found
    }

    @Test func matchesAgreeWithThePlainSearchOnRandomTexts() {
        let vocabulary =
            (Sentiment.negativePhrases + Sentiment.positivePhrases + Escalation.defaultWords).flatMap { $0.split(separator: " ").map(String.init) }
            + ["не", "not", "no", "заказ", "order", "a", "я", "ok", "помогли!", "Operatorа", "humans", "cooperator", "ОПЕРАТОРУ"]
        var generator = SplitMix64(seed: 0x5EED)
        let matchers = [Sentiment.negativeMatcher, Sentiment.positiveMatcher, EscalationWords.defaults.matcher]
        for _ in 0..<500 {
            let count = Int.random(in: 0...24, using: &generator)
            let text = (0..<count).map { _ in vocabulary.randomElement(using: &generator)! }.joined(separator: " ")
            let words = WordMatcher.words(in: text)
            let taken = Set((0..<words.count).filter { _ in Int.random(in: 0..<8, using: &generator) == 0 })
            for matcher in matchers {
                #expect(
                    matcher.matchRanges(in: words, excluding: taken).map(\.phrase) == Self.plainMatches(matcher, in: words, excluding: taken),
                    "\(text)"
                )
                #expect(matcher.firstMatch(in: words) == Self.plainMatches(matcher, in: words, excluding: []).first, "\(text)")
            }
        }
    }
}
