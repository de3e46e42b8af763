import Foundation
import SQLiteStore
import SwitchboardCore
import TestSupport
import Testing

/// Ingest reads the escalation words from memory: each save replaces them, and a restart loads the saved ones.
@Suite struct IngestSettingsMemoryTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func escalates(_ text: String, from user: String, _ fixture: StoreFixture) async throws -> Bool {
        guard case .new(let result) = try await fixture.store.ingest(InboundEvents.text(text, channel: fixture.channel.id, from: user, at: start)),
            let conversation = result.conversationID
        else { throw StoreError.invalid("not ingested") }
        return try await fixture.store.escalatedAt(conversation) != nil
    }

    @Test func everySaveReplacesTheWordsTheNextMessageIsMatchedAgainst() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        #expect(try await escalates("operator please", from: "a", fixture))

        try await fixture.store.saveRoutingSettings(RoutingSettings(escalationWords: ["manager"]))
        #expect(try await escalates("a manager please", from: "b", fixture))
        #expect(try await !escalates("operator please", from: "c", fixture))

        try await fixture.store.saveRoutingSettings(RoutingSettings(escalationWords: ["boss"]))
        #expect(try await escalates("the boss please", from: "d", fixture))
        #expect(try await !escalates("a manager please", from: "e", fixture))
    }

    @Test func aRestartedStoreMatchesTheSavedWords() async throws {
        let first = try await StoreFixture()
        defer { first.directory.remove() }
        try await first.store.saveRoutingSettings(RoutingSettings(escalationWords: ["manager"]))
        try first.sqlite.close()

        let reopened = try StoreFixture(reopening: first)

        #expect(try await escalates("a manager please", from: "a", reopened))
        #expect(try await !escalates("operator please", from: "b", reopened))
    }
}
