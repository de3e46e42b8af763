import SQLiteStore
import SwitchboardCore
import TestSupport
import Testing

@Suite struct SearchInputTests {
    /// Found by schemathesis: a NUL inside a search word cut SQLite's MATCH expression short (500).
    @Test(arguments: ["hello\u{0}", "hel\u{0}\"wor", "\r\nhello\u{0}%]", "\u{200B}hello", "\"", "\u{0}"])
    func controlCharactersAndQuotesNeverBreakTheQuery(_ text: String) async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        _ = try await fixture.store.ingest(InboundEvents.text("hello world", channel: fixture.channel.id, from: "client-1"))
        let admin = Viewer(operatorID: fixture.agent.id, role: .admin)

        let wordless = text.allSatisfy { !$0.isLetter }
        guard let query = try? SearchQuery(text) else {
            #expect(wordless, "only a text without words is refused before the store")
            return
        }
        let hits = try await fixture.store.search(query, viewer: admin, limit: 10).messages

        #expect(hits.count == 1)
    }
}
