import SwitchboardCore
import Testing

@Suite struct EscalationTests {
    let words = Escalation.defaultWords

    @Test(arguments: [
        "operator please", "OPERATOR!!!", "Can I talk to an operator?", "operators?", "оператор", "Оператора позовите",
        "дайте оператору слово", "с оператором хочу", "операторa", "хочу живого человека", "дайте живой человек", "потрібна людина",
        "людини немає?", "покличте людину", "ЛЮДИНУ покличте", "ОПЕРАТОРА!", "Оператор, ґудзик", "human", "humans please", "a human's answer",
        "agent", "agents!",
    ])
    func escalationWordInAnyFormMatches(_ text: String) {
        #expect(Escalation.trigger(in: text, words: words) != nil)
    }

    @Test(arguments: [
        "cooperator", "Our cooperators", "cooperation", "humane treatment", "agenda", "кооператор", "операционная", "человек-паук",
        "живой", "hello", "",
    ])
    func wordsInsideOtherWordsOrUnlistedDoNotMatch(_ text: String) {
        #expect(Escalation.trigger(in: text, words: words) == nil)
    }

    @Test func theTriggerIsTheListedPhrase() {
        #expect(Escalation.trigger(in: "Дайте живого человека, пожалуйста", words: words) == "живой человек")
        #expect(Escalation.trigger(in: "support please", words: ["support"]) == "support")
        #expect(Escalation.trigger(in: "operator", words: []) == nil)
    }
}

@Suite struct EscalationOrderTests {
    /// The first phrase in the list's order wins, wherever in the text another one occurs.
    @Test func theFirstListedPhraseWinsNotTheFirstInTheText() {
        #expect(Escalation.trigger(in: "human or operator", words: ["operator", "human"]) == "operator")
        #expect(Escalation.trigger(in: "human or operator", words: ["human", "operator"]) == "human")
        #expect(Escalation.trigger(in: "оператор, живой человек", words: ["живой человек", "оператор"]) == "живой человек")
    }
}
