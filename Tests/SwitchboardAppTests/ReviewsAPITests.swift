import Foundation
import HTTPTypes
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import Testing

@Suite struct ReviewsAPITests {
    @Test func supervisorSamplesReviewsAndEachOperatorSeesOnlyTheirOwn() async throws {
        try await InboxHarness.run { harness, client in
            // Given R1 held by Anna and R2 held by Boris, both resolved, and R3 still open.
            let store = harness.switchboard.store
            let anna = try await harness.addOperator("anna")
            let boris = try await harness.addOperator("boris")
            let boss = try await harness.addOperator("boss", role: .supervisor)
            let at = ReportsHistory.at
            let r1 = try await harness.clientWrites("hi", from: "u-1", at: at("2026-03-10T08:00:00Z"))
            let r2 = try await harness.clientWrites("hi", from: "u-2", at: at("2026-03-10T09:00:00Z"))
            let r3 = try await harness.clientWrites("hi", from: "u-3", at: at("2026-03-10T10:00:00Z"))
            for (id, holder) in [(r1, anna), (r2, boris)] {
                _ = try await store.assign(id, to: holder.id, by: boss.id, note: nil, at: at("2026-03-10T11:00:00Z"))
                _ = try await store.transition(id, .resolve, at: at("2026-03-10T12:00:00Z"))
            }
            let supervisor = try await harness.signIn(client, "boss")
            let annaSession = try await harness.signIn(client, "anna")
            let borisSession = try await harness.signIn(client, "boris")
            let period: [String: Any] = ["from": "2026-03-10", "to": "2026-03-10", "tz": "Europe/Berlin", "size": 50]

            // When the supervisor pulls a sample, only the resolved conversations come.
            let sample = try await harness.send(client, .post, "/api/v1/reviews/sample", as: supervisor, json: period)
            #expect(sample.status == .ok)
            #expect(Set(sample.items.compactMap { $0["conversationId"] as? Int }) == [Int(r1.rawValue), Int(r2.rawValue)])
            #expect(sample.items.first { $0["conversationId"] as? Int == Int(r1.rawValue) }?["resolvedAt"] as? String == "2026-03-10T13:00:00+01:00")
            #expect(try await harness.send(client, .post, "/api/v1/reviews/sample", as: supervisor, json: ["size": 51]).errorCode == "invalid_size")
            #expect(try await harness.send(client, .post, "/api/v1/reviews/sample", as: annaSession, json: period).status == .forbidden)

            // An open conversation cannot be reviewed; bad scores are refused.
            let open = try await harness.send(
                client,
                .put,
                "/api/v1/conversations/\(r3)/review",
                as: supervisor,
                json: ["score": 4, "comment": "ok"]
            )
            #expect(open.status == .conflict && open.errorCode == "not_resolved")
            let bad = try await harness.send(client, .put, "/api/v1/conversations/\(r1)/review", as: supervisor, json: ["score": 6, "comment": ""])
            #expect(bad.errorCode == "invalid_score")
            let long = String(repeating: "x", count: 2001)
            #expect(
                try await harness.send(client, .put, "/api/v1/conversations/\(r1)/review", as: supervisor, json: ["score": 3, "comment": long])
                    .errorCode == "invalid_comment"
            )
            #expect(
                try await harness.send(client, .put, "/api/v1/conversations/\(r1)/review", as: annaSession, json: ["score": 5]).status == .forbidden
            )

            // Reviews are saved (a second PUT replaces the first) and leave the sample.
            _ = try await harness.send(client, .put, "/api/v1/conversations/\(r1)/review", as: supervisor, json: ["score": 2, "comment": "first"])
            let saved = try await harness.send(
                client,
                .put,
                "/api/v1/conversations/\(r1)/review",
                as: supervisor,
                json: ["score": 4, "comment": "Polite, quick"]
            )
            #expect(saved.status == .ok)
            #expect(saved.json["score"] as? Int == 4 && saved.json["operatorId"] as? Int == Int(anna.id.rawValue))
            #expect(saved.json["reviewerName"] as? String == "Boss" && saved.json["comment"] as? String == "Polite, quick")
            _ = try await harness.send(client, .put, "/api/v1/conversations/\(r2)/review", as: supervisor, json: ["score": 3, "comment": "late"])
            let after = try await harness.send(client, .post, "/api/v1/reviews/sample", as: supervisor, json: period)
            #expect(after.items.isEmpty)

            // Then Anna reads her review, not Boris's; Boris reads his.
            let own = try await harness.send(client, .get, "/api/v1/conversations/\(r1)/review", as: annaSession)
            #expect(own.status == .ok && own.json["comment"] as? String == "Polite, quick")
            #expect(try await harness.send(client, .get, "/api/v1/conversations/\(r2)/review", as: annaSession).status == .forbidden)
            #expect(try await harness.send(client, .get, "/api/v1/conversations/\(r2)/review", as: borisSession).status == .ok)
            #expect(try await harness.send(client, .get, "/api/v1/conversations/\(r3)/review", as: supervisor).status == .notFound)
            let mine = try await harness.send(client, .get, "/api/v1/reviews", as: annaSession)
            #expect(mine.items.map { $0["conversationId"] as? Int } == [Int(r1.rawValue)])
            #expect(try await harness.send(client, .get, "/api/v1/reviews?operator=\(boris.id)", as: annaSession).status == .forbidden)
            let all = try await harness.send(client, .get, "/api/v1/reviews", as: supervisor)
            #expect(all.items.count == 2)
        }
    }
}
