import Foundation

/// What an operator asked the inbox search for: the words and the filters, and the FTS5 MATCH
/// expressions built from them.
///
/// Every word is quoted and searched as a prefix, so nothing an operator (or a fuzzer) types can be
/// read as FTS5 syntax: operators, column filters and unbalanced quotes all become plain words.
public struct SearchQuery: Sendable, Equatable {
    /// The longest search text accepted, in characters.
    public static let maxLength = 200
    /// Words past this many are ignored: each one is a separate index lookup.
    public static let maxWords = 8

    /// The words searched for, in the order typed.
    public var words: [String]
    /// Narrows the hits.
    public var filters: SearchFilters
    /// The digits of a phone-like search ("+380 67 123"), matched against contacts' phones as one number.
    public var phoneDigits: String?

    /// Reads what the operator typed.
    /// - Throws: `SearchInputError` (field `q`) when the text is too long or has no word to search for.
    public init(_ text: String, filters: SearchFilters = SearchFilters()) throws(SearchInputError) {
        guard text.count <= Self.maxLength else {
            throw SearchInputError(field: "q", message: "q must be at most \(Self.maxLength) characters.")
        }
        let words = Self.words(in: text)
        guard !words.isEmpty else { throw SearchInputError(field: "q", message: "q must contain a letter or a digit.") }
        self.words = Array(words.prefix(Self.maxWords))
        self.filters = filters
        self.phoneDigits = Self.phoneDigits(in: text)
    }

    /// The runs of letters and digits in `text`, the same units SQLite's `unicode61` tokenizer indexes.
    ///
    /// Everything else separates words, including control and format characters: SQLite reads the
    /// MATCH expression as C text, so a NUL inside a term would cut the expression short.
    public static func words(in text: String) -> [String] {
        text.split(whereSeparator: { !isWordCharacter($0) }).map(String.init)
    }

    /// Whether a character belongs to a word.
    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }

    /// Messages and notes: every word must match, each as a prefix.
    public var matchExpression: String {
        words.map { "\"\($0)\"*" }.joined(separator: " ")
    }

    /// Contacts: the words, or a phone number typed with spaces or dashes matched as one number.
    public var contactMatchExpression: String {
        guard let phoneDigits, words.count > 1 || words.first != phoneDigits else { return matchExpression }
        return "(\(matchExpression)) OR \"\(phoneDigits)\"*"
    }

    /// The digits of a text that looks like a phone number (digits, spaces, `+-().`), at least three of them.
    static func phoneDigits(in text: String) -> String? {
        let allowed = Set("+-(). ")
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.allSatisfy({ ($0.isASCII && $0.isNumber) || allowed.contains($0) }) else { return nil }
        let digits = String(trimmed.filter { $0.isASCII && $0.isNumber })
        return digits.count >= 3 ? digits : nil
    }
}

/// A search parameter that cannot be used, with the parameter's name and a sentence for the operator.
public struct SearchInputError: Error, Sendable, Equatable {
    /// The query parameter: `q`, `from`, `to`, `channel`, `operator`, `status`, `label`.
    public var field: String
    /// What is wrong, for humans.
    public var message: String

    /// Creates an error.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}
