import SwitchboardCore
import Testing

@Suite struct CSVTableTests {
    @Test func quotesFieldsWithCommasQuotesAndLineBreaks() {
        let table = CSVTable(header: ["name", "comment"], rows: [[.text("Olena, K."), .text("said \"no\"\nthen left")]])
        #expect(table.text == "name,comment\r\n\"Olena, K.\",\"said \"\"no\"\"\nthen left\"\r\n")
    }

    @Test func guardsTextThatASpreadsheetWouldRunAsAFormula() {
        #expect(CSVTable.field(.text("=HYPERLINK(\"x\")")) == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVTable.field(.text("+1")) == "'+1")
        #expect(CSVTable.field(.text("-2")) == "'-2")
        #expect(CSVTable.field(.text("@SUM(A1)")) == "'@SUM(A1)")
        #expect(CSVTable.field(.text("fine")) == "fine")
    }

    @Test func writesNumbersAsNumbers() {
        #expect(CSVTable.field(.number(600)) == "600")
        #expect(CSVTable.field(.number(-2.5)) == "-2.5")
        #expect(CSVTable.field(.number(1.0 / 3.0)) == "0.3333333333333333")
        #expect(CSVTable.field(.optional(nil)) == "")
        #expect(CSVTable.field(.integer(42)) == "42")
    }
}
