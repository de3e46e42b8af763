import Foundation
import SwitchboardCore
import Testing

@Suite struct PresenceScheduleTests {
    func utc(_ text: String) -> Double { ISO8601DateFormatter().date(from: text)!.timeIntervalSince1970 }

    @Test func spansAreCutAtLocalMidnightAndSummedPerDayAndWeek() throws {
        // Berlin, Sunday 2026-03-08 and Monday 2026-03-09 (UTC+1). Online since before the range
        // (Saturday), away Sunday 22:00 local (21:00Z), online Monday 00:30 local (23:30Z Sunday),
        // offline Monday 02:00 local (01:00Z).
        let range = try ReportRange(from: "2026-03-08", to: "2026-03-09", timeZone: "Europe/Berlin", now: Date())
        let schedule = PresenceSchedule(
            before: .online,
            changes: [(utc("2026-03-08T21:00:00Z"), .away), (utc("2026-03-08T23:30:00Z"), .online), (utc("2026-03-09T01:00:00Z"), .offline)],
            calendar: range.calendar,
            now: utc("2026-04-01T00:00:00Z")
        )
        // Sunday: online 00:00–22:00 = 79200 s, away 22:00–24:00 = 7200 s.
        #expect(schedule.days[0].onlineSeconds == 79_200 && schedule.days[0].awaySeconds == 7200)
        // Monday: away 00:00–00:30 = 1800 s, online 00:30–02:00 = 5400 s.
        #expect(schedule.days[1].awaySeconds == 1800 && schedule.days[1].onlineSeconds == 5400)
        #expect(schedule.days[1].spans.map(\.status) == [.away, .online])
        #expect(schedule.days[1].spans[0].start == utc("2026-03-08T23:00:00Z"))
        // Sunday belongs to the week of Monday 2026-03-02, Monday starts the next one.
        #expect(schedule.weeks.map(\.weekStart) == ["2026-03-02", "2026-03-09"])
        #expect(schedule.weeks[0].onlineSeconds == 79_200 && schedule.weeks[1].awaySeconds == 1800)
        #expect(schedule.onlineSeconds == 84_600)
    }

    @Test func anOngoingStatusEndsNow() throws {
        let range = try ReportRange(from: "2026-03-09", to: "2026-03-09", timeZone: "UTC", now: Date())
        let schedule = PresenceSchedule(
            before: nil,
            changes: [(utc("2026-03-09T08:00:00Z"), .online)],
            calendar: range.calendar,
            now: utc("2026-03-09T09:30:00Z")
        )
        #expect(schedule.onlineSeconds == 5400)
    }
}
