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

        let hits = try await fixture.store.search(text, viewer: admin, limit: 10)

        let wordless = text.allSatisfy { !$0.isLetter }
        #expect(hits.count == (wordless ? 0 : 1))
    }
}
