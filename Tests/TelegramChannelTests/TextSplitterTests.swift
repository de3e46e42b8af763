import Testing

@testable import TelegramChannel

@Suite struct TextSplitterTests {
    @Test func shortTextIsOnePiece() {
        #expect(TextSplitter.split("hello", limit: 10) == ["hello"])
    }

    @Test func splitsAtTheLastNewlineInTheWindow() {
        #expect(TextSplitter.split("aaaa bbb\ncc dd\nee", limit: 12) == ["aaaa bbb", "cc dd\nee"])
    }

    @Test func fallsBackToTheLastSpace() {
        #expect(TextSplitter.split("aaaa bbbb cccc dddd", limit: 10) == ["aaaa bbbb", "cccc dddd"])
    }

    @Test func cutsHardWithoutBreakingCharacters() {
        let pieces = TextSplitter.split(String(repeating: "🙂", count: 5), limit: 5)
        #expect(pieces == ["🙂🙂", "🙂🙂", "🙂"])
    }

    @Test func countsUTF16UnitsAsTelegramDoes() {
        let text = String(repeating: "a", count: 4095) + "🙂"
        #expect(TextSplitter.split(text, limit: 4096).count == 2)
    }

    @Test func neverProducesWhitespaceOnlyPieces() {
        let pieces = TextSplitter.split("abc" + String(repeating: " ", count: 30) + "def", limit: 8)
        #expect(pieces.allSatisfy { !$0.allSatisfy(\.isWhitespace) })
        #expect(pieces.joined().filter { !$0.isWhitespace } == "abcdef")
    }
}
