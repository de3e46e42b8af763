import SwitchboardCore
import Testing

@Suite struct LabelRuleTests {
    @Test func labelsAreTrimmedDeduplicatedAndSorted() {
        #expect(LabelRule.normalized([" vip ", "b2b", "vip"]) == ["b2b", "vip"])
        #expect(LabelRule.normalized([]) == [])
    }

    /// The database counts scalars and stops at NUL: a label it would refuse never reaches it.
    @Test(arguments: [
        [""], ["   "], [String(repeating: "a", count: 41)], ["a\nb"], ["\u{0}x"], ["x\u{7}"],
        [String(repeating: "e\u{301}", count: 21)],
        (0...20).map { "label \($0)" },
    ])
    func aLabelTheDatabaseWouldRefuseIsRefused(labels: [String]) {
        #expect(LabelRule.normalized(labels) == nil)
    }

    @Test func fortyScalarsAndNonLatinTextAreFine() {
        #expect(LabelRule.normalized([String(repeating: "я", count: 40)]) != nil)
        #expect(LabelRule.normalized(["🙂 happy"]) != nil)
    }
}
