import Foundation
import SwitchboardCore
import Testing

/// How an exported conversation is written: CSV rows safe for spreadsheets, and JSON lines.
@Suite struct ExportFormatTests {
    let opened = Date(timeIntervalSince1970: 1_800_000_000)

    func conversation(_ messages: [ExportedMessage]) -> ExportedConversation {
        ExportedConversation(
            id: ConversationID(7),
            status: .open,
            channel: "support",
            contact: "Olena",
            assignee: "Maria",
            departmentID: nil,
            openedAt: opened,
            resolvedAt: nil,
            messages: messages
        )
    }

    @Test func aCSVRowPerMessageWithFormulaLikeTextNeutralised() throws {
        let messages = [
            ExportedMessage(id: MessageID(1), at: opened, direction: .inbound, authorKind: "client", authorName: "Olena", text: "=HYPERLINK(\"x\")"),
            ExportedMessage(id: MessageID(2), at: opened, direction: .outbound, authorKind: "bot", authorName: "Order system", text: "-5, really"),
        ]

        let text = try ExportFormat.csv.text(of: conversation(messages))

        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.count == 3)
        #expect(lines[0] == "7,open,support,Olena,Maria,,2027-01-15T08:00:00Z,,1,2027-01-15T08:00:00Z,in,client,Olena,\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(lines[1] == "7,open,support,Olena,Maria,,2027-01-15T08:00:00Z,,2,2027-01-15T08:00:00Z,out,bot,Order system,\"'-5, really\"")
        #expect(ExportFormat.csv.preamble.hasPrefix("conversation_id,status,channel,contact,"))
    }

    @Test func aConversationWithoutMessagesInTheRangeIsStillOneCSVRow() throws {
        let text = try ExportFormat.csv.text(of: conversation([]))
        #expect(text == "7,open,support,Olena,Maria,,2027-01-15T08:00:00Z,,,,,,,\r\n")
    }

    @Test func aJSONLineHoldsTheConversationWithItsMessages() throws {
        let message = ExportedMessage(id: MessageID(1), at: opened, direction: .inbound, authorKind: "client", authorName: "Olena", text: "hi\nthere")

        let line = try ExportFormat.jsonl.text(of: conversation([message]))

        #expect(line.hasSuffix("\n"))
        #expect(line.dropLast().contains("\n") == false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["id"] as? Int == 7)
        #expect(object["openedAt"] as? String == "2027-01-15T08:00:00Z")
        let first = try #require((object["messages"] as? [[String: Any]])?.first)
        #expect(first["text"] as? String == "hi\nthere")
        #expect(first["direction"] as? String == "in")
        #expect(ExportFormat.jsonl.preamble.isEmpty)
    }
}
