import Foundation
import HTTPTypes
import SwitchboardApp
import SwitchboardCore
import Testing

/// `GET /api/v1/search`: filters, contact hits, highlights, visibility and clear 400s for bad input.
@Suite struct SearchAPITests {
    @Test func filtersNarrowTheHitsAndHighlightsMarkTheWords() async throws {
        try await InboxHarness.run { harness, client in
            let maria = try await harness.addOperator("maria")
            let session = try await harness.signIn(client, "maria")
            let old = try await harness.clientWrites("Refund for order 7", from: "u-1", at: Date(timeIntervalSince1970: 1_796_083_200))
            let recent = try await harness.clientWrites("refunded? ORDER 8", from: "u-2", at: Date(timeIntervalSince1970: 1_796_083_200 + 3 * 86_400))
            _ = try await harness.switchboard.store.assign(recent, to: maria.id, by: maria.id, note: nil, at: Date())

            func conversations(_ query: String) async throws -> [Int] {
                try await harness.send(client, .get, "/api/v1/search?q=refund\(query)", as: session).items.compactMap { $0["conversationID"] as? Int }
            }
            #expect(try await conversations("") == [Int(recent.rawValue), Int(old.rawValue)])
            #expect(try await conversations("&from=2026-12-02") == [Int(recent.rawValue)])
            #expect(try await conversations("&to=2026-12-01") == [Int(old.rawValue)])
            #expect(try await conversations("&operator=\(maria.id.rawValue)&status=open") == [Int(recent.rawValue)])
            #expect(try await conversations("&channel=\(harness.channel.id.rawValue)&label=vip").isEmpty)

            let hit = try #require(try await harness.send(client, .get, "/api/v1/search?q=refund%20ord", as: session).items.last)
            #expect(hit["kind"] as? String == "message")
            #expect(hit["highlights"] as? [[Int]] == [[0, 6], [11, 16]])
            #expect((hit["contact"] as? [String: Any])?["displayName"] as? String == "Olena")
        }
    }

    @Test func contactsAreFoundByNameWithTheirConversation() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            let session = try await harness.signIn(client, "maria")
            let conversation = try await harness.clientWrites("hello", from: "u-1", name: "Taras Shevchenko")

            let reply = try await harness.send(client, .get, "/api/v1/search?q=shevch", as: session)

            #expect(reply.items.isEmpty)
            let contact = try #require((reply.json["contacts"] as? [[String: Any]])?.first)
            #expect(contact["kind"] as? String == "contact")
            #expect(contact["conversationID"] as? Int == Int(conversation.rawValue))
            #expect(contact["name"] as? String == "Taras Shevchenko")
            #expect(contact["nameHighlights"] as? [[Int]] == [[6, 16]])
        }
    }

    @Test(arguments: [
        ("q=", "invalid_q"), ("q=%22*(", "invalid_q"), ("q=\(String(repeating: "a", count: 201))", "invalid_q"),
        ("q=a&from=2026-02-30", "invalid_from"), ("q=a&to=soon", "invalid_to"), ("q=a&from=2026-12-05&to=2026-12-01", "invalid_to"),
        ("q=a&channel=x", "invalid_channel"), ("q=a&channel=999", "invalid_channel"), ("q=a&operator=999", "invalid_operator"),
        ("q=a&status=closed", "invalid_status"), ("q=a&limit=0", "invalid_limit"),
    ])
    func badInputGetsAClearJSONError(_ query: String, _ code: String) async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            let session = try await harness.signIn(client, "maria")

            let reply = try await harness.send(client, .get, "/api/v1/search?\(query)", as: session)

            #expect(reply.status == .badRequest)
            #expect(reply.errorCode == code)
        }
    }
}
