import Foundation
import SwitchboardCore
import Testing

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
