import Foundation
import SwitchboardCore

/// SQLite FTS5's `snippet(messages_fts, 0, open, close, ellipsis, tokens)` for one text and the phrases of the
/// expression it matched: the window of `tokens` words holding the most distinct phrases (a window starting a
/// sentence preferred), the phrases marked, an ellipsis where the text goes on.
///
/// Words are read as FTS5's `unicode61` tokenizer reads them (runs of letters, digits, private-use characters
/// and combining marks) and compared as `remove_diacritics 2` folds them (lowercase, accents dropped), so a
/// snippet is the one SQLite would have made for the same text and query. Every occurrence of every phrase
/// counts, as FTS5 counts them when the phrases are all required (the messages' expression); under an `OR`,
/// FTS5 would leave out the phrases of a branch that did not match.
enum SearchSnippet {
    private struct Word {
        /// Where the word starts and ends in the text's scalars.
        let start: Int
        let end: Int
        let folded: [Unicode.Scalar]
    }

    private struct Phrase {
        let words: [[Unicode.Scalar]]
        let prefix: Bool
    }

    /// A match of phrase `phrase` starting at word `offset`.
    private struct Instance {
        let phrase: Int
        let offset: Int
        let size: Int
    }

    static func make(
        _ text: String,
        expression: String,
        open: String = "[",
        close: String = "]",
        ellipsis: String = "…",
        tokens: Int = 12
    ) -> String {
        let scalars = Array(text.unicodeScalars)
        let words = self.words(in: scalars)
        let phrases = FTSExpression.phrases(expression).map { phrase in
            Phrase(words: self.words(in: Array(phrase.text.unicodeScalars)).map(\.folded), prefix: phrase.prefix)
        }
        let instances = self.instances(of: phrases, in: words)
        let start = bestStart(words: words, scalars: scalars, instances: instances, phraseCount: phrases.count, tokens: tokens)
        return highlight(
            scalars,
            words: words,
            instances: instances,
            start: start,
            open: open,
            close: close,
            ellipsis: ellipsis,
            tokens: tokens
        )
    }

    private static func words(in scalars: [Unicode.Scalar]) -> [Word] {
        var words: [Word] = []
        var index = 0
        while index < scalars.count {
            guard isWordScalar(scalars[index]) else {
                index += 1
                continue
            }
            let start = index
            while index < scalars.count, isWordScalar(scalars[index]) { index += 1 }
            words.append(Word(start: start, end: index, folded: fold(scalars[start..<index])))
        }
        return words
    }

    /// unicode61's token characters: the categories L*, N* and Co, and non-spacing marks (kept inside a word
    /// when diacritics are removed).
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber, .privateUse, .nonspacingMark:
            true
        default:
            false
        }
    }

    /// Each character lowercased on its own (unicode61 folds characters, not words: a final `ς` is a `σ`),
    /// decomposed, without combining diacritical marks.
    private static func fold(_ scalars: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        var lowered = ""
        for scalar in scalars { lowered += foldedOnly[scalar] ?? scalar.properties.lowercaseMapping }
        return lowered.decomposedStringWithCanonicalMapping.unicodeScalars.filter { !(0x300...0x36F).contains($0.value) }
    }

    /// Letters that case folding changes but lowercasing keeps (Unicode's CaseFolding.txt, simple mappings).
    private static let foldedOnly: [Unicode.Scalar: String] = [
        "\u{3C2}": "\u{3C3}", "\u{17F}": "s", "\u{345}": "\u{3B9}", "\u{1FBE}": "\u{3B9}", "\u{3D0}": "\u{3B2}",
        "\u{3D1}": "\u{3B8}", "\u{3D5}": "\u{3C6}", "\u{3D6}": "\u{3C0}", "\u{3F0}": "\u{3BA}", "\u{3F1}": "\u{3C1}",
        "\u{3F5}": "\u{3B5}", "\u{1E9B}": "\u{1E61}",
    ]

    /// Every match of every phrase, by offset (FTS5's instance order).
    private static func instances(of phrases: [Phrase], in words: [Word]) -> [Instance] {
        var instances: [Instance] = []
        for offset in words.indices {
            for (number, phrase) in phrases.enumerated() where !phrase.words.isEmpty && offset + phrase.words.count <= words.count {
                let matches = phrase.words.indices.allSatisfy { index in
                    let word = words[offset + index].folded
                    let wanted = phrase.words[index]
                    return phrase.prefix && index == phrase.words.count - 1 ? word.starts(with: wanted) : word == wanted
                }
                if matches { instances.append(Instance(phrase: number, offset: offset, size: phrase.words.count)) }
            }
        }
        return instances
    }

    /// The first word of the best window (FTS5's `fts5SnippetFunction`).
    private static func bestStart(words: [Word], scalars: [Unicode.Scalar], instances: [Instance], phraseCount: Int, tokens: Int) -> Int {
        let sentences = sentenceStarts(words: words, scalars: scalars)
        var bestScore = 0
        var bestStart = 0
        for instance in instances {
            let (score, adjusted) = self.score(
                instances,
                phraseCount: phraseCount,
                from: instance.offset,
                words: words.count,
                tokens: tokens
            )
            if score > bestScore {
                bestScore = score
                bestStart = adjusted
            }
            guard !sentences.isEmpty, words.count > tokens else { continue }
            // The last sentence starting at or before the match.
            var sentence = 0
            while sentence < sentences.count - 1, sentences[sentence + 1] <= instance.offset { sentence += 1 }
            if sentences[sentence] < instance.offset {
                var sentenceScore = self.score(
                    instances,
                    phraseCount: phraseCount,
                    from: sentences[sentence],
                    words: words.count,
                    tokens: tokens
                ).score
                sentenceScore += sentences[sentence] == 0 ? 120 : 100
                if sentenceScore > bestScore {
                    bestScore = sentenceScore
                    bestStart = sentences[sentence]
                }
            }
        }
        return bestStart
    }

    /// FTS5's `fts5SnippetScore`: 1000 for each phrase first seen in the window, 1 for each repeat, and the
    /// window moved to centre its matches.
    private static func score(
        _ instances: [Instance],
        phraseCount: Int,
        from start: Int,
        words: Int,
        tokens: Int
    ) -> (score: Int, start: Int) {
        var seen = [Bool](repeating: false, count: phraseCount)
        var score = 0
        var first = -1
        var last = 0
        for instance in instances where instance.offset >= start && instance.offset < start + tokens {
            score += seen[instance.phrase] ? 1 : 1000
            seen[instance.phrase] = true
            if first < 0 { first = instance.offset }
            last = instance.offset + instance.size
        }
        var adjusted = first - (tokens - (last - first)) / 2
        if adjusted + tokens > words { adjusted = words - tokens }
        if adjusted < 0 { adjusted = 0 }
        return (score, adjusted)
    }

    /// The words that start a sentence: the first, and each after a `.` or `:` and white space.
    private static func sentenceStarts(words: [Word], scalars: [Unicode.Scalar]) -> [Int] {
        var starts: [Int] = []
        for (position, word) in words.enumerated() {
            guard position > 0 else {
                starts.append(0)
                continue
            }
            var index = word.start - 1
            while index >= 0, [" ", "\t", "\n", "\r"].contains(scalars[index]) { index -= 1 }
            if index != word.start - 1, index >= 0, scalars[index] == "." || scalars[index] == ":" { starts.append(position) }
        }
        return starts
    }

    /// FTS5's `fts5HighlightCb` over the window: matches that overlap are marked as one.
    private static func highlight(
        _ scalars: [Unicode.Scalar],
        words: [Word],
        instances: [Instance],
        start: Int,
        open: String,
        close: String,
        ellipsis: String,
        tokens: Int
    ) -> String {
        // Coalesced matches as word ranges, from the first starting inside the window.
        var marks: [(start: Int, end: Int)] = []
        for instance in instances {
            let end = instance.offset + instance.size - 1
            if let previous = marks.last, instance.offset <= previous.end {
                marks[marks.count - 1].end = max(previous.end, end)
            } else {
                marks.append((instance.offset, end))
            }
        }
        var mark = marks.firstIndex { $0.start >= start } ?? marks.count
        let rangeEnd = start + tokens - 1
        var output = String.UnicodeScalarView()
        func append(_ from: Int, _ to: Int) {
            if from < to { output.append(contentsOf: scalars[from..<to]) }
        }
        if start > 0 { output.append(contentsOf: ellipsis.unicodeScalars) }
        var offset = 0
        for (position, word) in words.enumerated() where position >= start && position <= rangeEnd {
            if start > 0 && position == start { offset = word.start }
            let current = mark < marks.count ? marks[mark] : (start: -1, end: -1)
            if position == current.start {
                append(offset, word.start)
                output.append(contentsOf: open.unicodeScalars)
                offset = word.start
            }
            if position == current.end {
                append(offset, word.end)
                output.append(contentsOf: close.unicodeScalars)
                offset = word.end
                mark += 1
            }
            if position == rangeEnd {
                append(offset, word.end)
                offset = word.end
                let next = mark < marks.count ? marks[mark] : (start: -1, end: -1)
                if position >= next.start && position < next.end { output.append(contentsOf: close.unicodeScalars) }
            }
        }
        if rangeEnd >= words.count - 1 {
            append(offset, scalars.count)
        } else {
            output.append(contentsOf: ellipsis.unicodeScalars)
        }
        return String(output)
    }
}
