import Foundation
import SwitchboardCore
import Testing

/// The early exits of `LinkCodeRules` answer exactly as the whole-text rules they shortcut.
@Suite struct LinkCodeRulesTests {
    /// The rule as it reads without the early exit: trim, lower-case, compare.
    static func wholeTextIsLinkCommand(_ text: String) -> Bool {
        let word = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return word == "/link" || word == "link" || word.hasPrefix("/link@")
    }

    static let commandCandidates: [String] = [
        "link", "LINK", " Link\n", "\u{00A0}link\u{2003}", "\u{0085}link", "link" + String(repeating: " ", count: 1_000), "/link", "/LINK",
        "/link@desk_bot", "/Link@Desk_Bot please", "/link@", "/linkage", "/l", "/", "links", "link it", "li nk", "l", "lin", "", "   ", "ĺink",
        "link\u{0301}", " \u{0301}link", "/\u{0301}link", "LIN\u{212A}", "lİnk", "let me link my accounts", "/start",
        "/link@bot" + String(repeating: " words", count: 200), "l" + String(repeating: "orem ipsum ", count: 100),
    ]

    @Test(arguments: commandCandidates)
    func aLinkCommandIsRecognisedExactlyAsTheWholeTextRuleSays(_ text: String) {
        #expect(LinkCodeRules.isLinkCommand(text) == Self.wholeTextIsLinkCommand(text))
    }

    @Test func theCommandsThemselvesAreRecognised() {
        #expect(LinkCodeRules.isLinkCommand(" LINK "))
        #expect(LinkCodeRules.isLinkCommand("/link@desk_bot"))
        #expect(LinkCodeRules.isLinkCommand("LIN\u{212A}"))
        #expect(!LinkCodeRules.isLinkCommand("let me link my accounts"))
    }

    @Test(
        arguments: [
            ("\t123456\r\n", "123456"), ("\u{00A0}123\u{2003}456\u{3000}", "123456"), ("1 2 3 4 5 6", "123456"),
            ("123456" + String(repeating: " ", count: 1_000), "123456"), ("123-456", nil), ("(123456)", nil), ("123456.", nil),
            ("code: 123456", nil), ("１２３４５６", nil), ("١٢٣٤٥٦", nil), ("12345\u{0}6", nil), ("123456789012", nil),
            (String(repeating: "1234567890 ", count: 100), nil), ("", nil), ("   ", nil),
        ] as [(String, String?)]
    )
    func aCodeIsSixAsciiDigitsWithBlanksAnywhere(text: String, expected: String?) {
        #expect(LinkCodeRules.code(in: text) == expected)
    }
}
