/// What a client's text says, worked out before the ingest transaction so none of it runs while
/// the single writer is held: how it sounds, whether it asks for a human, and what it would answer to
/// "how should we address you?".
///
/// `IngestDecision` reads these instead of analysing the text itself; the values are exactly what
/// `Sentiment.classify`, `Escalation.trigger` and `AddressAnswerRule.name` return for the text.
public struct InboundTextAnalysis: Sendable, Equatable {
    /// How the text sounds (`Sentiment.classify`).
    public var sentiment: Sentiment?
    /// The escalation phrase the text contains, first in list order (`Escalation.trigger`).
    public var escalation: String?
    /// The preferred name, were the text the answer to the address question (`AddressAnswerRule.name`).
    public var addressAnswer: String?

    /// Creates an analysis from its parts.
    public init(sentiment: Sentiment? = nil, escalation: String? = nil, addressAnswer: String? = nil) {
        self.sentiment = sentiment
        self.escalation = escalation
        self.addressAnswer = addressAnswer
    }

    /// Analyses a client's text; the text is split into words once for both word lists.
    /// - Parameter escalation: the matcher of the desk's escalation words (`EscalationWords`).
    public init(text: String, escalation: EscalationWords) {
        let words = WordMatcher.words(in: text)
        self.init(
            sentiment: Sentiment.classify(words: words),
            escalation: escalation.matcher.firstMatch(in: words),
            addressAnswer: AddressAnswerRule.name(in: text)
        )
    }

    /// Analyses the text `IngestDecision` stores as the client's message for this event: a message's
    /// text or an edit's new text; other events store no text of the client's, so nothing is found.
    public init(_ event: InboundEvent, escalation: EscalationWords) {
        switch event.payload {
        case .message(_, let text, _, _), .edit(_, let text): self.init(text: text, escalation: escalation)
        case .buttonPress, .unsupported, .reachability, .delivery, .opened, .chatMigrated: self.init()
        }
    }
}

/// The desk's escalation words with their matcher, built once per change of the list rather than
/// once per message.
public struct EscalationWords: Sendable, Equatable {
    /// The words as the admin listed them.
    public let words: [String]
    let matcher: WordMatcher

    /// Builds the matcher for `words`.
    public init(_ words: [String]) {
        self.words = words
        matcher = WordMatcher(phrases: words)
    }

    /// The words every desk starts with.
    public static let defaults = EscalationWords(Escalation.defaultWords)
}
