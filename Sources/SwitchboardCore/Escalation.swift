/// The client's "get me a human" words: typing one of them escalates the conversation.
public enum Escalation {
    /// The words every desk starts with; admins change the list in the routing settings.
    public static let defaultWords: [String] = [
        "operator", "оператор", "оператора", "живой человек", "людина", "human", "agent",
    ]

    /// The escalation word in `text`, if any, matched on whole words in any of its forms.
    public static func trigger(in text: String, words: [String]) -> String? {
        WordMatcher(phrases: words).firstMatch(in: text)
    }
}
