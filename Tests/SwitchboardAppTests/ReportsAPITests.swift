import Foundation
import HTTPTypes
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import Testing

@Suite struct ReportsAPITests {
    static let range = "from=2026-03-10&to=2026-03-11&tz=Europe/Berlin"

    func stat(_ reply: InboxHarness.Reply, _ figure: String) -> [String: Double] {
        let figures = reply.json["figures"] as? [String: Any] ?? [:]
        let values = figures[figure] as? [String: Any] ?? [:]
        return values.compactMapValues { ($0 as? NSNumber)?.doubleValue }
    }

    @Test func figuresOfTheSeededHistoryAreExactlyTheHandComputedOnes() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await ReportsHistory.seed(harness)
            let boss = try await harness.signIn(client, "boss")

            let reply = try await harness.send(client, .get, "/api/v1/reports/figures?\(Self.range)", as: boss)

            #expect(reply.status == .ok)
            #expect(reply.json["from"] as? String == "2026-03-10" && reply.json["tz"] as? String == "Europe/Berlin")
            // First response per client-started opening period: C1 300, C3 600 and 600 (reopened: its own
            // period), C4 600, C5 4800; C2 has none (unanswered). Sum 6900 / 5 = 1380; p90 rank ceil(4.5) = 5.
            #expect(stat(reply, "firstResponse") == ["count": 5, "min": 300, "avg": 1380, "median": 600, "p90": 4800, "max": 4800])
            #expect((reply.json["figures"] as? [String: Any])?["unanswered"] as? Int == 1)
            // Reply times: C1 300 (08:00→08:05) and 600 (08:10→08:20; 08:12 waits in the same turn), C3 600 and
            // 600, C4 600, C5 4800 (11:50→13:10) and 55200 (16:50→08:10). Sum 62700 / 7; median the 4th = 600; p90 the 7th.
            #expect(stat(reply, "replyTime") == ["count": 7, "min": 300, "avg": 62700.0 / 7, "median": 600, "p90": 55200, "max": 55200])
            // Lifetime per period: C1 1800, C2 1800, C3 1200 and 1200, C5 73800 (11:50 → 08:20 next day); C4 still open.
            #expect(stat(reply, "lifetime") == ["count": 5, "min": 1200, "avg": 15960, "median": 1800, "p90": 73800, "max": 73800])
            // Queue: C1 60, C3 120 then 300 (back in the queue at the reopen), C4 60, C5 60. Sum 600 / 5.
            #expect(stat(reply, "queueWait") == ["count": 5, "min": 60, "avg": 120, "median": 60, "p90": 300, "max": 300])
        }
    }

    @Test func businessHoursCountOnlyWorkingSecondsOfReplies() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await ReportsHistory.seed(harness)
            let boss = try await harness.signIn(client, "boss")

            let reply = try await harness.send(client, .get, "/api/v1/reports/figures?\(Self.range)&businessHours=true", as: boss)

            // C1 300 and 600 and C3 600 and 600 are inside hours; C4 (00:30–00:40 Berlin) 0; C5 12:50→14:10
            // is 10 min before and 10 min after the lunch break = 1200, 17:50→09:10 is 10 + 10 min = 1200.
            // Sorted 0 300 600 600 600 1200 1200: sum 4500 / 7.
            #expect(stat(reply, "replyTime") == ["count": 7, "min": 0, "avg": 4500.0 / 7, "median": 600, "p90": 1200, "max": 1200])
            // First response is not affected by business hours.
            #expect(stat(reply, "firstResponse")["max"] == 4800)
        }
    }

    @Test func loadCountsDaysInTheViewersZoneAndTheQueuePerHour() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await ReportsHistory.seed(harness)
            let boss = try await harness.signIn(client, "boss")

            let reply = try await harness.send(client, .get, "/api/v1/reports/load?\(Self.range)", as: boss)

            let days = reply.json["days"] as? [[String: Any]] ?? []
            // 03-10: opened C1 C2 C3 C5; in: C1 3, C2 1, C3 2, C5 2; out: 2 + 2 + 1 operator replies (notes not counted).
            // 03-11: C4 at 23:30Z is 00:30 in Berlin; out: C4's reply and C5's 08:10Z reply.
            #expect(days.map { $0["date"] as? String } == ["2026-03-10", "2026-03-11"])
            #expect(days.map { [$0["opened"] as? Int, $0["messagesIn"] as? Int, $0["messagesOut"] as? Int] } == [[4, 8, 5], [1, 1, 2]])
            let heatmap = reply.json["heatmap"] as? [[String: Any]] ?? []
            #expect(heatmap.count == 168)
            let wednesdayMidnight = heatmap.first { $0["weekday"] as? Int == 3 && $0["hour"] as? Int == 0 }
            #expect(wednesdayMidnight?["opened"] as? Int == 1 && wednesdayMidnight?["messagesIn"] as? Int == 1)
            // The queue holds one conversation at 09:00, 10:00 and 11:00 Berlin (C1, C2, C3 just opened), none at other hours.
            let queue = reply.json["queue"] as? [[String: Any]] ?? []
            #expect(queue.count == 48)
            #expect(queue[9]["at"] as? String == "2026-03-10T09:00:00+01:00")
            #expect(queue.compactMap { $0["length"] as? Int } == (0..<48).map { [9, 10, 11].contains($0) ? 1 : 0 })
        }
    }

    @Test func staffAndDepartmentsAndFeedbackAddUp() async throws {
        try await InboxHarness.run { harness, client in
            let history = try await ReportsHistory.seed(harness)
            let boss = try await harness.signIn(client, "boss")

            let staff = try await harness.send(client, .get, "/api/v1/reports/staff?\(Self.range)&operator=\(history.anna.id)", as: boss)
            let anna = try #require((staff.json["operators"] as? [[String: Any]])?.first)
            // Online 07:00–12:00Z and 12:30–17:00Z = 18000 + 16200; away 1800; replied in C1, C3, C4, C5.
            #expect(anna["onlineSeconds"] as? Double == 34_200 && anna["awaySeconds"] as? Double == 1800)
            #expect(anna["conversations"] as? Int == 4)
            let days = anna["days"] as? [[String: Any]] ?? []
            #expect((days.first?["spans"] as? [[String: Any]])?.first?["start"] as? String == "2026-03-10T08:00:00+01:00")
            // Anna's lifetimes: C1 1800, C3 1200 + 1200, C5 73800 (C2 was nobody's).
            let annaLifetime = ((anna["figures"] as? [String: Any])?["lifetime"] as? [String: Any])?["count"] as? Int
            #expect(annaLifetime == 4)

            let departments = try await harness.send(client, .get, "/api/v1/reports/departments?\(Self.range)", as: boss)
            let none = try #require((departments.json["departments"] as? [[String: Any]])?.first)
            #expect(none["id"] is NSNull && none["name"] as? String == "No department" && none["conversations"] as? Int == 5)
            let feedback = try #require(none["feedback"] as? [String: Any])
            // Asked C1 C2 C3, answered C1 C2; resolved yes 1 of 2; stars one 5 and one 1; average 3.
            #expect(feedback["asked"] as? Int == 3 && feedback["answered"] as? Int == 2 && feedback["resolvedShare"] as? Double == 0.5)
            #expect(feedback["stars"] as? [Int] == [1, 0, 0, 0, 1] && feedback["average"] as? Double == 3)

            let low = try await harness.send(client, .get, "/api/v1/reports/feedback?\(Self.range)", as: boss)
            let scores = low.json["lowScores"] as? [[String: Any]] ?? []
            #expect(scores.count == 1)
            #expect(scores.first?["conversationId"] as? Int == Int(history.conversations[1].rawValue))
            #expect(scores.first?["operatorId"] is NSNull && scores.first?["contactName"] as? String == "Client 2")
        }
    }

    @Test func operatorsGetForbiddenOnReportsAndBadParametersAClearError() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("anna")
            _ = try await harness.addOperator("boss", role: .supervisor)
            let anna = try await harness.signIn(client, "anna")
            let boss = try await harness.signIn(client, "boss")

            for report in ["figures", "load", "staff", "departments", "feedback"] {
                let reply = try await harness.send(client, .get, "/api/v1/reports/\(report)", as: anna)
                #expect(reply.status == .forbidden && reply.errorCode == "forbidden")
            }
            #expect(try await harness.send(client, .get, "/api/v1/reports/figures", as: nil).status == .unauthorized)
            // The channel filter's choices: supervisors get names only; operators nothing.
            #expect(try await harness.send(client, .get, "/api/v1/reports/channels", as: anna).status == .forbidden)
            let channels = try await harness.send(client, .get, "/api/v1/reports/channels", as: boss)
            let names = (channels.json["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            let stored = try await harness.switchboard.store.channels().map(\.name)
            #expect(channels.status == .ok && names == stored && !stored.isEmpty)
            #expect(String(decoding: channels.body, as: UTF8.self).contains("maskedToken") == false)
            let cases = [
                ("from=2026-03-02&to=2026-03-01", "invalid_range"), ("from=2026-02-30", "invalid_range"),
                ("from=2024-01-01&to=2025-01-02", "invalid_range"), ("tz=Mars/Base", "invalid_timezone"),
                ("channel=x", "invalid_filter"), ("format=xml", "invalid_format"), ("format=csv&table=nope", "invalid_table"),
            ]
            for (query, code) in cases {
                let reply = try await harness.send(client, .get, "/api/v1/reports/figures?\(query)", as: boss)
                #expect(reply.status == .badRequest && reply.errorCode == code, "\(query)")
            }
            // An unknown id filters everything out instead of failing.
            let empty = try await harness.send(client, .get, "/api/v1/reports/figures?channel=999", as: boss)
            #expect(stat(empty, "lifetime")["count"] == 0)
        }
    }
}
