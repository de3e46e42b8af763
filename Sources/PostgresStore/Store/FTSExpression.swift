import Foundation
import SwitchboardCore

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
