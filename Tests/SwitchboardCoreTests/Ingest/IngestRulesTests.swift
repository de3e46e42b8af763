import Foundation
import Testing

@testable import SwitchboardCore

@Suite struct IngestRulesTests {
    @Test(arguments: [("+380 50 123 4567", "380501234567"), ("380501234567", "380501234567"), ("12-34", nil), ("", nil)] as [(String, String?)])
    func phonesCompareAsDigits(raw: String, expected: String?) {
        #expect(VerifiedPhoneRule.normalized(raw) == expected)
    }

    @Test func addressAnswersAreNamesNotCommandsOrCodes() {
        #expect(AddressAnswerRule.name(in: "  Olena ") == "Olena")
        #expect(AddressAnswerRule.name(in: "/start") == nil)
        #expect(AddressAnswerRule.name(in: "link") == nil)
        #expect(AddressAnswerRule.name(in: "123 456") == nil)
        #expect(AddressAnswerRule.name(in: "   ") == nil)
        #expect(AddressAnswerRule.name(in: String(repeating: "я", count: 300))?.count == 100)
    }

    /// The rule trims without Foundation; it must cut exactly what `trimmingCharacters` would.
    @Test func addressAnswersAreTrimmedAsFoundationTrimsThem() {
        let blanks: [Unicode.Scalar] = [
            "\u{9}", "\u{A}", "\u{B}", "\u{C}", "\u{D}", " ", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{200A}", "\u{2028}",
            "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{200B}",
        ]
        let kept: [Unicode.Scalar] = ["\u{200C}", "\u{200D}", "\u{FEFF}", "\u{301}", "a", "я", "\u{1F600}"]
        for blank in blanks {
            for other in kept {
                let text = "\(blank)\(other) Olena\(blank)\(other)\(blank)\(blank)"
                #expect(
                    String(AddressAnswerRule.trimmed(text)) == text.trimmingCharacters(in: .whitespacesAndNewlines),
                    "\(text.unicodeScalars.map(\.value))"
                )
            }
            #expect(AddressAnswerRule.trimmed(String(repeating: String(blank), count: 3)).isEmpty)
        }
    }

    @Test(
        arguments: [("123456", "123456"), (" 123 456 ", "123456"), ("12345", nil), ("1234567", nil), ("12345a", nil), ("١٢٣٤٥٦", nil)]
            as [(String, String?)]
    )
    func linkCodesAreSixAsciiDigits(text: String, expected: String?) {
        #expect(LinkCodeRules.code(in: text) == expected)
    }

    @Test func aLongTextIsNotACode() {
        #expect(LinkCodeRules.code(in: "123456" + String(repeating: " lorem ipsum", count: 100)) == nil)
    }

    @Test func anOnlineHolderKeepsTheConversation() {
        let situation = QueueRule.Situation(status: .open, holder: OperatorID(1), holderIsOnline: true, reopened: true)
        #expect(QueueRule.decide(situation, trigger: "operator", at: Date()) == QueueRule.Outcome())
    }

    @Test func onlyOpenConversationsQueue() {
        let pending = QueueRule.Situation(status: .pending)
        #expect(QueueRule.decide(pending, trigger: "operator", at: Date()) == QueueRule.Outcome())
    }
}
