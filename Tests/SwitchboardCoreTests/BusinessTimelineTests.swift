import Foundation
import SwitchboardCore
import Testing

@Suite struct BusinessTimelineTests {
    func utc(_ text: String) -> Double { ISO8601DateFormatter().date(from: text)!.timeIntervalSince1970 }

    /// Monday–Friday 09:00–13:00 and 14:00–18:00 in Berlin, with 2026-03-04 a holiday.
    let hours = BusinessHours(
        timeZone: "Europe/Berlin",
        week: Dictionary(
            uniqueKeysWithValues: ["monday", "tuesday", "wednesday", "thursday", "friday"].map {
                ($0, [BusinessHours.Interval(open: "09:00", close: "13:00"), BusinessHours.Interval(open: "14:00", close: "18:00")])
            }
        ),
        holidays: ["2026-03-04"]
    )

    func timeline() -> BusinessTimeline {
        BusinessTimeline(
            hours: hours,
            from: Date(timeIntervalSince1970: utc("2026-03-01T00:00:00Z")),
            to: Date(timeIntervalSince1970: utc("2026-03-10T00:00:00Z"))
        )
    }

    @Test func countsOnlyWorkingSecondsAcrossTheLunchBreak() {
        // Monday 2026-03-02, 12:50–14:10 Berlin (11:50Z–13:10Z): 10 min before the break + 10 min after = 1200 s.
        #expect(timeline().seconds(from: utc("2026-03-02T11:50:00Z"), to: utc("2026-03-02T13:10:00Z")) == 1200)
    }

    @Test func countsNothingOutsideHoursAndSkipsHolidays() {
        // Tuesday 17:50 → Thursday 09:10 Berlin: 10 min Tuesday, Wednesday is a holiday, 10 min Thursday.
        #expect(timeline().seconds(from: utc("2026-03-03T16:50:00Z"), to: utc("2026-03-05T08:10:00Z")) == 1200)
        // Saturday: nothing.
        #expect(timeline().seconds(from: utc("2026-03-07T09:00:00Z"), to: utc("2026-03-07T15:00:00Z")) == 0)
    }
}
