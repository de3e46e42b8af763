import Foundation
import SwitchboardCore
import Testing

/// A NUL (U+0000) in what a client sends: SQLite would cut the text off there, and PostgreSQL would
/// refuse the row and fail the batch it came in, again at every redelivery. `StorableText` (Core)
/// replaces it with U+FFFD before either store sees it, so both store the same, whole text, and
/// the batch and the conversation go on.
@Suite struct NulCharacterContractTests {
    @Test(arguments: StoreFactory.all)
    func aMessageAndANameWithANulAreStoredWithTheRestOfTheirBatch(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            var hostile = desk.text("a\u{0}b", from: "nul-user", at: desk.at(0), delivery: "n-1", messageID: "n-1")
            hostile.sender.displayName = "Eve\u{0}"
            let after = desk.text("after", from: "nul-user", at: desk.at(1), delivery: "n-2", messageID: "n-2")
            let other = desk.text("unrelated", from: "other", at: desk.at(1), delivery: "n-3", messageID: "n-3")

            let results = try await desk.store.ingest([hostile, after, other])

            let outcomes = try results.map { try $0.get() }
            guard case .new(let first) = outcomes[0], case .new(let second) = outcomes[1], case .new = outcomes[2] else {
                Issue.record("every event of the batch is new: \(outcomes)")
                return
            }
            #expect(first.conversationID == second.conversationID)
            let texts = try await desk.texts(try #require(first.conversationID))
            #expect(texts == ["a\u{FFFD}b", "after"])
            let contact = try #require(try await desk.store.contact(first.contactID))
            #expect(contact.displayName == "Eve\u{FFFD}")
        }
    }
}
