import Foundation
import SwitchboardCore
import Testing

@Suite struct ReportCalendarTests {
    let now = Date(timeIntervalSince1970: 1_788_045_600)

    func utc(_ text: String) -> Double {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text)!.timeIntervalSince1970
    }

    @Test func civilDayNumbersRoundTrip() {
        #expect(ReportDay.number("1970-01-01") == 0)
        #expect(ReportDay.number("2024-02-29") == 19_782)
        #expect(ReportDay.number("2023-02-29") == nil)
        #expect(ReportDay.number("2026-1-01") == nil)
        for day in [-1, 0, 59, 19_782, 20_000, 2_932_896] { #expect(ReportDay.number(ReportDay.text(day)) == day) }
        // 2026-03-02 is a Monday, 2026-03-08 a Sunday.
        #expect(ReportDay.weekday(ReportDay.number("2026-03-02")!) == 1)
        #expect(ReportDay.weekday(ReportDay.number("2026-03-08")!) == 7)
    }

    @Test func defaultRangeIsTheLastSevenDaysEndingTodayInTheZone() throws {
        // 2026-08-29T23:20:00Z is already 2026-08-30 in Berlin (UTC+2).
        let range = try ReportRange(from: nil, to: nil, timeZone: "Europe/Berlin", now: now)
        #expect(range.to == "2026-08-30")
        #expect(range.from == "2026-08-24")
        #expect(try ReportRange(from: nil, to: nil, timeZone: nil, now: now).to == "2026-08-29")
    }

    @Test func refusesBadDatesZonesAndLongRanges() {
        #expect(throws: ReportRangeError.self) { try ReportRange(from: "2026-02-30", to: nil, timeZone: nil, now: now) }
        #expect(throws: ReportRangeError.self) { try ReportRange(from: "2026-03-02", to: "2026-03-01", timeZone: nil, now: now) }
        #expect(throws: ReportRangeError.self) { try ReportRange(from: "2025-01-01", to: "2026-01-02", timeZone: nil, now: now) }
        #expect(throws: ReportRangeError.invalidTimeZone("Unknown time zone 'Mars/Olympus'; use an IANA name such as Europe/Berlin.")) {
            try ReportRange(from: nil, to: nil, timeZone: "Mars/Olympus", now: now)
        }
        // 366 days (2024 is a leap year) is the longest range.
        #expect((try? ReportRange(from: "2024-01-01", to: "2024-12-31", timeZone: nil, now: now)) != nil)
    }

    @Test func aMessageAt2330UTCFallsOnTheNextDayInBerlin() throws {
        let range = try ReportRange(from: "2026-03-10", to: "2026-03-11", timeZone: "Europe/Berlin", now: now)
        // Berlin is UTC+1 in March before the switch: the range starts 2026-03-09T23:00Z.
        #expect(range.calendar.start == utc("2026-03-09T23:00:00Z"))
        #expect(range.calendar.dayIndex(utc("2026-03-10T23:30:00Z")) == 1)
        #expect(range.calendar.dayIndex(utc("2026-03-10T22:59:59Z")) == 0)
        #expect(range.calendar.dayIndex(utc("2026-03-11T23:00:00Z")) == nil)
        // 2026-03-11 is a Wednesday; 23:30Z is 00:30 local.
        #expect(range.calendar.hourOfWeek(utc("2026-03-10T23:30:00Z")) == (weekday: 3, hour: 0))
        #expect(range.calendar.iso(utc("2026-03-10T23:30:00Z")) == "2026-03-11T00:30:00+01:00")
    }

    @Test func theDayTheClocksGoForwardHas23HourlyQueuePoints() throws {
        // Berlin: 2026-03-29 02:00 → 03:00.
        let range = try ReportRange(from: "2026-03-29", to: "2026-03-29", timeZone: "Europe/Berlin", now: now)
        let hours = range.calendar.hourStarts()
        #expect(hours.count == 23)
        #expect(range.calendar.iso(hours[2]) == "2026-03-29T03:00:00+02:00")
        #expect(range.calendar.end - range.calendar.start == 23 * 3600)
    }
}
