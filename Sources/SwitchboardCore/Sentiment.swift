/// How a client's message sounds, by a small keyword lexicon in Russian, Ukrainian and English.
public enum Sentiment: String, Sendable, Codable, CaseIterable {
    case positive
    case negative

    /// Phrases that mark a message negative; matched first, so "не помогли" is not read as "помогли".
    public static let negativePhrases: [String] = [
        "не помогли", "не помогло", "не помог", "не помогает", "не работает", "ничего не работает", "не решили", "ужасный", "ужасно",
        "плохо", "плохой", "отвратительно", "кошмар", "безобразие", "жалоба", "возмутительно", "бесполезно", "надоело", "не очень",
        "не допомогли", "не допомогло", "не працює", "жахливий", "жахливо", "погано", "поганий", "скарга", "марно", "обурливо",
        "not helpful", "did not help", "didn't help", "doesn't work", "does not work", "not working", "terrible", "awful", "horrible",
        "useless", "worst", "bad", "disappointed", "angry", "ridiculous",
    ]

    /// Phrases that mark a message positive.
    public static let positivePhrases: [String] = [
        "спасибо", "благодарю", "круто", "отлично", "супер", "класс", "помогли", "помогло", "прекрасно", "замечательно", "хорошо",
        "дякую", "дякуємо", "чудово", "клас", "допомогли", "допомогло", "чудовий", "відмінно", "добре",
        "thanks", "thank", "great", "awesome", "perfect", "excellent", "helped", "helpful", "wonderful", "amazing", "love",
    ]

    static let negators: Set<WordMatcher.Word> = Set(["не", "ні", "not", "no", "never"].map(WordMatcher.fold))
    static let negativeMatcher = WordMatcher(phrases: negativePhrases)
    static let positiveMatcher = WordMatcher(phrases: positivePhrases)

    /// Tags a client message: negative when it has at least as many negative phrases as positive
    /// ones (a complaint with a polite "thanks" is still a complaint), positive when only praise
    /// outweighs, nil when neither occurs.
    public static func classify(_ text: String) -> Sentiment? {
        classify(words: WordMatcher.words(in: text))
    }

    /// `classify` over words already split by `WordMatcher.words(in:)`.
    static func classify(words: [WordMatcher.Word]) -> Sentiment? {
        guard !words.isEmpty else { return nil }
        let negatives = negativeMatcher.matchRanges(in: words, excluding: [])
        let taken = Set(negatives.flatMap { Array($0.positions) })
        var negativeCount = negatives.count
        var positiveCount = 0
        for match in positiveMatcher.matchRanges(in: words, excluding: taken) {
            // "not great", "не круто": praise after a negation is a complaint.
            let before = match.positions.lowerBound - 1
            if before >= 0 && negators.contains(words[before]) {
                negativeCount += 1
            } else {
                positiveCount += 1
            }
        }
        if negativeCount > 0 && negativeCount >= positiveCount { return .negative }
        return positiveCount > 0 ? .positive : nil
    }
}

/// How many client messages of a conversation were tagged each way.
public struct SentimentCounts: Sendable, Codable, Equatable {
    public var positive: Int
    public var negative: Int

    /// Creates counts.
    public init(positive: Int = 0, negative: Int = 0) {
        self.positive = positive
        self.negative = negative
    }
}
