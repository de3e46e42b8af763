import Foundation
import SwitchboardCore
import Testing

@Suite struct InboundTextAnalysisTests {
    static let texts: [String] = [
        "", "   ", "Olena", "  pani Olena \n", "спасибо, помогли!", "не помогли, ужасно", "not great, thanks", "operator please",
        "Дайте живого человека", "123 456", "link", "/start", "My order 4711 did not arrive" + String(repeating: " and 42 more words", count: 60),
        String(repeating: "я", count: 300),
    ]

    @Test(arguments: texts)
    func theAnalysisIsWhatEachRuleSaysOfTheText(_ text: String) {
        let analysis = InboundTextAnalysis(text: text, escalation: .defaults)

        #expect(analysis.sentiment == Sentiment.classify(text))
        #expect(analysis.escalation == Escalation.trigger(in: text, words: Escalation.defaultWords))
        #expect(analysis.addressAnswer == AddressAnswerRule.name(in: text))
    }

    @Test func theDesksOwnWordsAreMatchedNotTheDefaults() {
        let words = EscalationWords(["manager", "живой человек"])

        #expect(InboundTextAnalysis(text: "get me a manager", escalation: words).escalation == "manager")
        #expect(InboundTextAnalysis(text: "get me an operator", escalation: words).escalation == nil)
        #expect(InboundTextAnalysis(text: "живого человека и менеджера", escalation: words).escalation == "живой человек")
    }

    @Test func anEditIsAnalysedByItsNewTextAndEventsWithoutClientTextByNothing() {
        let edit = IngestFixtures.event(.edit(externalMessageID: "m1", text: "operator!"))
        let press = IngestFixtures.event(.buttonPress(action: "operator"))
        let unsupported = IngestFixtures.event(.unsupported(kind: "sticker", rawJSON: "{\"text\": \"operator\"}"))

        #expect(InboundTextAnalysis(edit, escalation: .defaults).escalation == "operator")
        #expect(InboundTextAnalysis(press, escalation: .defaults) == InboundTextAnalysis())
        #expect(InboundTextAnalysis(unsupported, escalation: .defaults) == InboundTextAnalysis())
    }

    /// The decision takes what the analysis found instead of analysing the text again.
    @Test func theDecisionReadsTheAnalysisNotTheText() {
        let event = IngestFixtures.event(IngestFixtures.message("hello"))
        let latest = LatestConversation(conversation: IngestFixtures.conversation(.open))
        let snapshot = IngestFixtures.snapshot(latest: latest)

        let plan = IngestDecision.decide(
            event,
            snapshot,
            InboundTextAnalysis(sentiment: .negative, escalation: "operator"),
            reopenWindow: 3600
        )

        #expect(plan.changes.contains(.clientWrote(ConversationID(7), at: IngestFixtures.now, sentiment: .negative)))
        #expect(plan.changes.contains(.escalate(ConversationID(7), at: IngestFixtures.now)))
        #expect(plan.eventKinds.contains(.conversationEscalated))
    }
}
