import CurlHTTP
import Foundation
import MessengerFakes
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

/// `GET /api/v1/exports/conversations`: CSV and JSON lines of a small desk, for a range and filters,
/// limited to what the viewer may see.
@Suite(.serialized) struct ConversationExportTests {
    let olena = FakeTelegram.User(id: 5_000_000_301, firstName: "Olena", languageCode: "uk")
    let mallory = FakeTelegram.User(id: 5_000_000_302, firstName: "=cmd|' /C calc'!A0", languageCode: "en")

    var today: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    @Test func csvAndJSONLinesHoldTheRightConversationsAndADepartmentLimitedOperatorSeesOnlyHers() async throws {
        let harness = try await ContinuityHarness()
        defer { Task { await harness.stop() } }
        try await harness.setUp()
        try await harness.serving { switchboard in
            // Given two clients; Mallory's conversation belongs to Billing, and Maria works in Sales only.
            let admin = try await harness.signIn("admin")
            _ = try await harness.telegram.sendUserMessage(bot: ContinuityHarness.telegramToken, from: olena, text: "where is my parcel?")
            _ = try await harness.telegram.sendUserMessage(bot: ContinuityHarness.telegramToken, from: mallory, text: "=1+2")
            var conversations: [[String: Any]] = []
            try await eventually("two conversations") {
                conversations = try await harness.api(.get, "/api/v1/conversations?filter=all", as: admin).items
                return conversations.count == 2
            }
            let byName = Dictionary(
                uniqueKeysWithValues: conversations.compactMap { item -> (String, Int)? in
                    guard let id = item["id"] as? Int, let contact = item["contact"] as? [String: Any], let name = contact["displayName"] as? String
                    else { return nil }
                    return (name, id)
                }
            )
            let olenaConversation = try #require(byName["Olena"])
            let malloryConversation = try #require(byName.first { $0.key.hasPrefix("=cmd") }?.value)
            let sales = try await switchboard.store.createDepartment(name: "Sales", routing: QueueRouting())
            let billing = try await switchboard.store.createDepartment(name: "Billing", routing: QueueRouting())
            let maria = try #require(try await switchboard.store.operators().first { $0.login == "maria" })
            _ = try await switchboard.store.updateOperatorRouting(maria.id, maxConcurrent: nil, departmentIDs: [sales.department.id])
            _ = try await switchboard.store.transfer(
                ConversationID(Int64(malloryConversation)),
                toDepartment: billing.department.id,
                by: nil,
                note: nil,
                at: Date()
            )

            // When the admin exports today as CSV.
            let csv = try await harness.api(.get, "/api/v1/exports/conversations?format=csv&from=\(today)&to=\(today)&tz=UTC", as: admin)

            // Then both conversations are there with their messages, and formula-like cells are neutralised.
            #expect(csv.status == 200)
            #expect(csv.headers.first { $0.name.lowercased() == "content-type" }?.value.hasPrefix("text/csv") == true)
            let text = String(decoding: csv.body, as: UTF8.self)
            let rows = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(rows.first?.hasPrefix("conversation_id,") == true)
            #expect(rows.contains { $0.hasPrefix("\(olenaConversation),") && $0.hasSuffix(",where is my parcel?") })
            #expect(rows.contains { $0.hasPrefix("\(malloryConversation),") && $0.hasSuffix(",'=1+2") })
            #expect(text.contains(",'=cmd|' /C calc'!A0,"))
            #expect(!text.contains(",=1+2"))

            // Maria (Sales) gets Olena's conversation (no department) and not Billing's.
            let mariaSession = try await harness.signIn("maria")
            let limited = try await harness.api(.get, "/api/v1/exports/conversations?format=jsonl&from=\(today)&to=\(today)&tz=UTC", as: mariaSession)
            #expect(limited.status == 200)
            let lines = String(decoding: limited.body, as: UTF8.self).split(separator: "\n")
            let ids = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["id"] as? Int }
            #expect(ids == [olenaConversation])
            let messages = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])["messages"] as? [[String: Any]]
            #expect(messages?.first?["text"] as? String == "where is my parcel?")

            // A range before today is empty; filters narrow; a key with conversations:read exports everything it may read.
            let yesterday = "2020-01-01"
            let past = try await harness.api(.get, "/api/v1/exports/conversations?format=jsonl&from=\(yesterday)&to=\(yesterday)&tz=UTC", as: admin)
            #expect(past.status == 200 && past.body.isEmpty)
            let key = try #require(
                try await harness.api(.post, "/api/v1/api-keys", json: ["name": "bi", "scopes": ["conversations:read"]], as: admin).json["key"]
                    as? String
            )
            let filtered = try await harness.api(
                .get,
                "/api/v1/exports/conversations?format=jsonl&from=\(today)&to=\(today)&tz=UTC&status=open&channel=\(try channelID(switchboard))",
                bearer: key
            )
            #expect(filtered.status == 200)
            #expect(String(decoding: filtered.body, as: UTF8.self).split(separator: "\n").count == 2)
            let bad = try await harness.api(.get, "/api/v1/exports/conversations?format=xlsx", as: admin)
            #expect(bad.status == 400)
            #expect(bad.errorCode == "invalid_format")
        }
    }

    func channelID(_ switchboard: Switchboard) async throws -> Int64 {
        try #require(try await switchboard.store.channels().first { $0.kind == .telegram }?.id.rawValue)
    }
}
