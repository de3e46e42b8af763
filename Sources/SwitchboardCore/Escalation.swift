import Synchronization

/// The client's "get me a human" words: typing one of them escalates the conversation.
public enum Escalation {
    /// The words every desk starts with; admins change the list in the routing settings.
    public static let defaultWords: [String] = [
        "operator", "оператор", "оператора", "живой человек", "людина", "human", "agent",
    ]

    /// The matcher of the last word list asked for: the list changes rarely, messages arrive often.
    private static let cache = Mutex<(words: [String], matcher: WordMatcher)?>(nil)

    /// The escalation word in `text`, if any, matched on whole words in any of its forms.
    public static func trigger(in text: String, words: [String]) -> String? {
        let matcher = cache.withLock { cached in
            if let cached, cached.words == words { return cached.matcher }
            let matcher = WordMatcher(phrases: words)
            cached = (words, matcher)
            return matcher
        }
        return matcher.firstMatch(in: text)
    }
}
