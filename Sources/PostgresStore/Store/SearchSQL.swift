import Foundation
import SwitchboardCore

/// The SQL of the inbox search: the two queries and the conditions the filters add.
///
/// SQLite's FTS5 tables are plain tables here (`messages_fts`, `contacts_fts`, see migrations 0009 and 0027) whose
/// `document` column is a `tsvector` under a GIN index. The MATCH expressions `SearchQuery` writes are translated to
/// `tsquery` text (`FTSExpression.tsquery`): a `"word"*` prefix term becomes `'word':*`. FTS5's `snippet()` has no
/// equivalent (`ts_headline` picks other fragments and reads words with another parser), so `SearchSnippet` rebuilds it.
enum SearchSQL {
    /// Messages and notes, newest first. With `ORDER BY f.message_id DESC LIMIT`, PostgreSQL either walks the
    /// primary key backwards testing each document (a common word stops early) or collects a rare word's few
    /// matches from the GIN index and sorts them, whichever it estimates cheaper.
    ///
    /// The snippet is made from `text` afterwards; `last_revision` is NULL because SQLite's row had no such column.
    static let messages = """
        SELECT m.*, ch.kind AS channel_kind, ch.name AS channel_name,
               CASE m.author_kind WHEN 'operator' THEN op.display_name WHEN 'client' THEN ct.display_name END AS author_name,
               NULL::text AS last_revision,
               ct.id AS contact_id, ct.display_name AS contact_display_name, ct.preferred_name AS contact_preferred_name
        FROM messages_fts f
        JOIN messages m ON m.id = f.message_id
        JOIN conversations c ON c.id = m.conversation_id
        JOIN contacts ct ON ct.id = c.contact_id
        JOIN channels ch ON ch.id = m.channel_id
        LEFT JOIN operators op ON op.id = m.author_operator_id
        """

    /// The condition standing for SQLite's `messages_fts MATCH ?`; its argument is `FTSExpression.tsquery` text.
    static let matches = "f.document @@ to_tsquery('simple', ?)"

    /// Matches counted up to this many tell a common word from a rare one.
    static let commonMatches = 5_000

    /// Whether the words match at least `commonMatches` messages (reading no more than that).
    static let countCapped = """
        SELECT count(*) FROM (SELECT 1 FROM messages_fts WHERE document @@ to_tsquery('simple', ?) LIMIT ?) matching
        """

    /// Ids of matching messages in a time range ending in the past, newest first, ordered by time: the matches
    /// are collected once, so the newer matches outside the range cost nothing to skip. SQLite's time index
    /// broke ties of `created_at` by its other columns; the id breaks them here.
    static func idsByTime(_ conditions: [String]) -> String {
        """
        SELECT m.id FROM messages m
        JOIN conversations c ON c.id = m.conversation_id
        WHERE m.id IN (SELECT message_id FROM messages_fts WHERE document @@ to_tsquery('simple', ?))
          AND \(conditions.joined(separator: " AND "))
        ORDER BY m.created_at DESC, m.id DESC LIMIT ?
        """
    }

    /// Contacts, newest first, each with the newest conversation that passes `conditions`. Not by
    /// rank: ranking scores every match, and a phone prefix or a common name matches tens of thousands.
    ///
    /// PostgreSQL cannot test a select-list alias in WHERE as SQLite did (`conversation_id IS NOT NULL`):
    /// the newest conversation is a lateral join, which drops the contacts that have none.
    static func contacts(conversationConditions conditions: String) -> String {
        """
        SELECT ct.id, ct.display_name, ct.preferred_name, ct.phone,
               (SELECT string_agg(COALESCE(i.username, '') || chr(30) || COALESCE(i.profile_name, ''), chr(31) ORDER BY i.id)
                FROM identities i WHERE i.contact_id = ct.id) AS handles,
               newest.conversation_id
        FROM contacts_fts f
        JOIN contacts ct ON ct.id = f.contact_id
        CROSS JOIN LATERAL (
            SELECT c.id AS conversation_id FROM conversations c WHERE c.contact_id = ct.id AND \(conditions) ORDER BY c.id DESC LIMIT 1
        ) newest
        WHERE f.document @@ to_tsquery('simple', ?) AND ct.merged_into IS NULL
        ORDER BY f.contact_id DESC LIMIT ?
        """
    }

    /// Conditions on `conversations c` the filters add (channel, assignee, status, label).
    static func conversationFilters(_ filters: SearchFilters) -> (sql: [String], arguments: [any SQLArgument]) {
        var conditions: [String] = []
        var arguments: [any SQLArgument] = []
        if let channelID = filters.channelID {
            conditions.append("c.channel_id = ?")
            arguments.append(channelID.rawValue)
        }
        if let operatorID = filters.operatorID {
            conditions.append("c.assignee_id = ?")
            arguments.append(operatorID.rawValue)
        }
        if let status = filters.status {
            conditions.append("c.status = ?")
            arguments.append(status.rawValue)
        }
        if let label = filters.label {
            conditions.append(
                """
                (EXISTS (SELECT 1 FROM conversation_labels l WHERE l.conversation_id = c.id AND l.label = ?)
                 OR EXISTS (SELECT 1 FROM contact_labels l WHERE l.contact_id = c.contact_id AND l.label = ?))
                """
            )
            arguments += [label, label]
        }
        return (conditions, arguments)
    }

    /// The time range on messages `m`.
    static func messageTimes(_ filters: SearchFilters) -> (sql: [String], arguments: [any SQLArgument]) {
        var conditions: [String] = []
        var arguments: [any SQLArgument] = []
        if let from = filters.from {
            conditions.append("m.created_at >= ?")
            arguments.append(from.timeIntervalSince1970)
        }
        if let until = filters.until {
            conditions.append("m.created_at < ?")
            arguments.append(until.timeIntervalSince1970)
        }
        return (conditions, arguments)
    }

    /// The time range on conversations `c`: active at some moment inside it.
    static func conversationTimes(_ filters: SearchFilters) -> (sql: [String], arguments: [any SQLArgument]) {
        var conditions: [String] = []
        var arguments: [any SQLArgument] = []
        if let from = filters.from {
            conditions.append("c.last_message_at >= ?")
            arguments.append(from.timeIntervalSince1970)
        }
        if let until = filters.until {
            conditions.append("c.opened_at < ?")
            arguments.append(until.timeIntervalSince1970)
        }
        return (conditions, arguments)
    }
}

/// The part of FTS5's query syntax `SearchQuery` writes (quoted strings, `*` after one for a prefix, `AND`,
/// `OR`, `NOT`, parentheses, and words side by side meaning AND), read so it can be asked of PostgreSQL.
enum FTSExpression {
    enum Token: Equatable {
        case phrase(String, prefix: Bool)
        case and, or, not, open, close
    }

    /// The expression as `to_tsquery` text: `"parc"* "lost"*` is `'parc':* & 'lost':*`.
    ///
    /// Each quoted string goes through the `simple` configuration as the documents did, so it is lowercased and
    /// split as they were; a string PostgreSQL reads as several words becomes a phrase (`<->`) with every word a
    /// prefix, where FTS5 takes only the last one as a prefix. Characters the parser does not read as part of a
    /// word (superscript digits, fractions) are dropped from words and documents alike, so "x²" searches for "x".
    /// The documents' words keep their diacritics, which FTS5's `remove_diacritics 2` folded: "cafe" does not
    /// find "café" here.
    static func tsquery(_ expression: String) -> String {
        var result = ""
        var afterOperand = false
        for token in tokens(expression) {
            switch token {
            case .phrase(let text, let prefix):
                if afterOperand { result += " & " }
                let quoted = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''")
                result += "'\(quoted)'" + (prefix ? ":*" : "")
                afterOperand = true
            case .open:
                if afterOperand { result += " & " }
                result += "("
                afterOperand = false
            case .close:
                result += ")"
                afterOperand = true
            case .and:
                result += " & "
                afterOperand = false
            case .or:
                result += " | "
                afterOperand = false
            case .not:
                // FTS5's NOT is binary ("a NOT b"): the left side is already there.
                result += " & !"
                afterOperand = false
            }
        }
        return result
    }

    /// The phrases of the expression, each with whether it is a prefix, in order.
    static func phrases(_ expression: String) -> [(text: String, prefix: Bool)] {
        tokens(expression).compactMap { token in
            if case .phrase(let text, let prefix) = token { (text, prefix) } else { nil }
        }
    }

    static func tokens(_ expression: String) -> [Token] {
        let characters = Array(expression)
        var tokens: [Token] = []
        var index = 0
        func prefixStar() -> Bool {
            guard index < characters.count, characters[index] == "*" else { return false }
            index += 1
            return true
        }
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "\"":
                index += 1
                var text = ""
                while index < characters.count {
                    if characters[index] == "\"" {
                        // A doubled quote is a quote inside the string.
                        if index + 1 < characters.count, characters[index + 1] == "\"" {
                            text.append("\"")
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    text.append(characters[index])
                    index += 1
                }
                tokens.append(.phrase(text, prefix: prefixStar()))
            case "(":
                tokens.append(.open)
                index += 1
            case ")":
                tokens.append(.close)
                index += 1
            default:
                guard isBareword(character) else {
                    index += 1
                    continue
                }
                var word = ""
                while index < characters.count, isBareword(characters[index]) {
                    word.append(characters[index])
                    index += 1
                }
                switch word {
                case "AND": tokens.append(.and)
                case "OR": tokens.append(.or)
                case "NOT": tokens.append(.not)
                default: tokens.append(.phrase(word, prefix: prefixStar()))
                }
            }
        }
        return tokens
    }

    /// FTS5's bareword characters: ASCII letters, digits and `_`, and anything outside ASCII.
    private static func isBareword(_ character: Character) -> Bool {
        !character.isASCII || character.isLetter || character.isNumber || character == "_"
    }
}

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
