import SwitchboardCore
import Testing

@Suite struct SearchHighlightTests {
    @Test func marksWholeWordsThatStartWithASearchedWord() {
        let text = "My parcel, parcels and a PARCEL-box; not aparcel"
        let ranges = SearchHighlight.ranges(in: text, words: ["parc"])
        let units = Array(text.utf16)
        let marked = ranges.map { String(decoding: units[$0], as: UTF16.self) }
        #expect(marked == ["parcel", "parcels", "PARCEL"])
    }

    @Test func ignoresCaseAndDiacriticsAndCountsUTF16() {
        let text = "😀 Zoë MÜLLER"
        let ranges = SearchHighlight.ranges(in: text, words: ["zoe", "müll"])
        #expect(ranges == [3..<6, 7..<13])
    }

    @Test func marksNothingWithoutWordsAndStopsAtTheCap() {
        #expect(SearchHighlight.ranges(in: "hello", words: []).isEmpty)
        let many = String(repeating: "ab ", count: 100)
        #expect(SearchHighlight.ranges(in: many, words: ["a"]).count == SearchHighlight.maxRanges)
    }
}
