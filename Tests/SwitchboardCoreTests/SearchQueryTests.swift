import Foundation
import SwitchboardCore
import Testing

@Suite struct SearchQueryTests {
    @Test func everyWordIsQuotedAndSearchedAsAPrefix() throws {
        let query = try SearchQuery("parcel  Refund")
        #expect(query.words == ["parcel", "Refund"])
        #expect(query.matchExpression == "\"parcel\"* \"Refund\"*")
    }

    /// FTS5 operators, column filters, quotes and control characters are separators, never syntax.
    @Test(arguments: [
        ("\"refund\"* ( -", ["refund"]),
        ("name:olga OR NEAR(a b)", ["name", "olga", "OR", "NEAR", "a", "b"]),
        ("hel\u{0}lo", ["hel", "lo"]),
        ("\u{200B}hello\r\n%]", ["hello"]),
        ("Łódź café", ["Łódź", "café"]),
    ])
    func hostileInputBecomesPlainWords(_ text: String, _ words: [String]) throws {
        let query = try SearchQuery(text)
        #expect(query.words == words)
        #expect(!query.matchExpression.contains("\u{0}"))
        #expect(query.matchExpression.filter { $0 == "\"" }.count == words.count * 2)
    }

    @Test(arguments: ["", "   ", "\"*()-", "\u{0}"])
    func aTextWithoutWordsIsRefused(_ text: String) {
        #expect(throws: SearchInputError(field: "q", message: "q must contain a letter or a digit.")) { try SearchQuery(text) }
    }

    @Test func aTooLongTextIsRefusedAndExtraWordsAreDropped() throws {
        #expect(throws: SearchInputError.self) { try SearchQuery(String(repeating: "a", count: SearchQuery.maxLength + 1)) }
        let many = try SearchQuery((1...12).map { "w\($0)" }.joined(separator: " "))
        #expect(many.words.count == SearchQuery.maxWords)
    }

    @Test func aPhoneTypedWithSpacesAlsoMatchesContactsAsOneNumber() throws {
        let phone = try SearchQuery("+380 67-123")
        #expect(phone.phoneDigits == "38067123")
        #expect(phone.contactMatchExpression == "(\"380\"* \"67\"* \"123\"*) OR \"38067123\"*")
        #expect(try SearchQuery("380671").contactMatchExpression == "\"380671\"*")
        #expect(try SearchQuery("olga 12").phoneDigits == nil)
        #expect(try SearchQuery("12").phoneDigits == nil)
    }
}
