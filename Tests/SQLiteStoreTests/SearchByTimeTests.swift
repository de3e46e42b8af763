import Foundation
import GRDB
import SQLiteStore
import SwitchboardCore
import TestSupport
import Testing

/// A common word searched in a range that ends in the past is read through the time index: the hits
/// must be the same messages the range holds, newest first, even when ids do not follow time.
@Suite struct SearchByTimeTests {
    @Test func aCommonWordInAPastRangeFindsTheNewestMessagesOfTheRange() async throws {
        // Given more matches than the common-word threshold, stored newest first (ids against time),
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let first = try await fixture.store.ingest(InboundEvents.text("hello", channel: fixture.channel.id, from: "client-1", at: start))
        guard case .new(let result) = first, let conversation = result.conversationID else { throw StoreError.invalid("not ingested") }
        let queue = try DatabaseQueue(path: fixture.path)
        try await queue.write { db in
            let insert = try db.makeStatement(
                sql:
                    "INSERT INTO messages (conversation_id, channel_id, direction, author_kind, text, created_at) VALUES (?, ?, 'in', 'client', ?, ?)"
            )
            for number in (0..<6_000).reversed() {
                try insert.execute(arguments: [
                    conversation.rawValue, fixture.channel.id.rawValue, "order \(number)", start.timeIntervalSince1970 + Double(number),
                ])
            }
        }
        try queue.close()
        let admin = Viewer(operatorID: fixture.agent.id, role: .admin)

        // When the operator searches a range that ends in the past,
        let range = SearchFilters(from: start.addingTimeInterval(1_000), until: start.addingTimeInterval(3_000))
        let hits = try await fixture.store.search(SearchQuery("order", filters: range), viewer: admin, limit: 20).messages

        // Then they get its 20 newest matches, newest first, with their snippets.
        #expect(hits.map(\.entry.message.text) == (2_980..<3_000).reversed().map { "order \($0)" })
        #expect(hits.allSatisfy { $0.snippet.contains("[order]") && $0.contact.id == result.contactID })
        let early = SearchFilters(until: start.addingTimeInterval(2))
        #expect(
            try await fixture.store.search(SearchQuery("order", filters: early), viewer: admin, limit: 20).messages.map(\.entry.message.text) == [
                "order 1", "order 0",
            ]
        )
        let resolved = SearchFilters(until: start.addingTimeInterval(3_000), status: .resolved)
        #expect(try await fixture.store.search(SearchQuery("order", filters: resolved), viewer: admin, limit: 20).messages.isEmpty)
    }
}
