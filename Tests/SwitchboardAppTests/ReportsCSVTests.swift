import Foundation
import HTTPTypes
import SwitchboardCore
import Testing

@Suite struct ReportsCSVTests {
    static let range = ReportsAPITests.range

    /// Rows of a CSV body whose fields hold no quotes, header first.
    func rows(_ reply: InboxHarness.Reply) -> [[String]] {
        String(decoding: reply.body, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }.map {
            $0.components(separatedBy: ",")
        }
    }

    @Test func figuresCSVCarriesTheSameNumbersAsTheJSON() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await ReportsHistory.seed(harness)
            let boss = try await harness.signIn(client, "boss")
            for extra in ["", "&businessHours=true"] {
                let json = try await harness.send(client, .get, "/api/v1/reports/figures?\(Self.range)\(extra)", as: boss)
                let csv = try await harness.send(client, .get, "/api/v1/reports/figures?\(Self.range)\(extra)&format=csv", as: boss)

                #expect(csv.status == .ok)
                #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(csv.headers[.contentDisposition] == "attachment; filename=\"figures-2026-03-10-2026-03-11.csv\"")
                let table = rows(csv)
                #expect(table.first == ["figure", "count", "min", "avg", "median", "p90", "max"])
                let figures = try #require(json.json["figures"] as? [String: Any])
                #expect(table.dropFirst().map { $0[0] } == ["firstResponse", "replyTime", "lifetime", "queueWait"])
                for row in table.dropFirst() {
                    let stat = try #require(figures[row[0]] as? [String: Any])
                    for (index, key) in ["count", "min", "avg", "median", "p90", "max"].enumerated() {
                        #expect(Double(row[index + 1]) == (stat[key] as? NSNumber)?.doubleValue, "\(row[0]).\(key)")
                    }
                }
            }
        }
    }

    @Test func loadStaffAndDepartmentTablesMatchTheJSON() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await ReportsHistory.seed(harness)
            let boss = try await harness.signIn(client, "boss")

            let load = try await harness.send(client, .get, "/api/v1/reports/load?\(Self.range)", as: boss)
            let days = try await harness.send(client, .get, "/api/v1/reports/load?\(Self.range)&format=csv", as: boss)
            let jsonDays = (load.json["days"] as? [[String: Any]] ?? []).map { day in
                [day["date"] as? String ?? "", "\(day["opened"] ?? "")", "\(day["messagesIn"] ?? "")", "\(day["messagesOut"] ?? "")"]
            }
            #expect(rows(days) == [["date", "opened", "messagesIn", "messagesOut"]] + jsonDays)
            let queue = try await harness.send(client, .get, "/api/v1/reports/load?\(Self.range)&format=csv&table=queue", as: boss)
            let jsonQueue = (load.json["queue"] as? [[String: Any]] ?? []).map { [$0["at"] as? String ?? "", "\($0["length"] ?? "")"] }
            #expect(rows(queue) == [["at", "length"]] + jsonQueue)
            let heatmap = try await harness.send(client, .get, "/api/v1/reports/load?\(Self.range)&format=csv&table=heatmap", as: boss)
            #expect(rows(heatmap).count == 169)

            let staff = try await harness.send(client, .get, "/api/v1/reports/staff?\(Self.range)", as: boss)
            let staffCSV = rows(try await harness.send(client, .get, "/api/v1/reports/staff?\(Self.range)&format=csv", as: boss))
            for person in staff.json["operators"] as? [[String: Any]] ?? [] {
                let row = try #require(staffCSV.first { $0[0] == "\(person["id"] ?? "")" })
                #expect(Double(row[2]) == person["onlineSeconds"] as? Double && Double(row[3]) == person["awaySeconds"] as? Double)
                #expect(Int(row[4]) == person["conversations"] as? Int)
                let replies = (person["figures"] as? [String: Any])?["replyTime"] as? [String: Any]
                let column = try #require(staffCSV[0].firstIndex(of: "replyTimeAvg"))
                #expect(Double(row[column]) == (replies?["avg"] as? NSNumber)?.doubleValue)
            }

            let departments = rows(try await harness.send(client, .get, "/api/v1/reports/departments?\(Self.range)&format=csv", as: boss))
            let lifetime = try #require(departments[0].firstIndex(of: "lifetimeAvg"))
            let share = try #require(departments[0].firstIndex(of: "resolvedShare"))
            #expect(departments[1][1] == "No department" && departments[1][lifetime] == "15960" && departments[1][share] == "0.5")
        }
    }

    @Test func lowScoreCommentsAreQuotedAndGuardedAgainstFormulas() async throws {
        try await InboxHarness.run { harness, client in
            let history = try await ReportsHistory.seed(harness)
            let boss = try await harness.signIn(client, "boss")

            let csv = try await harness.send(client, .get, "/api/v1/reports/feedback?\(Self.range)&format=csv", as: boss)

            let text = String(decoding: csv.body, as: UTF8.self)
            #expect(
                text == "conversationId,score,comment,at,operatorId,operatorName,contactName\r\n"
                    + "\(history.conversations[1]),1,\"'=cmd|' /C calc'!A0, \"\"slow\"\"\",2026-03-10T10:32:00+01:00,,,Client 2\r\n"
            )
        }
    }
}
