public import Foundation

/// The desk's working time over a stretch of days, ready to answer "how many working seconds lie
/// between a and b" in O(log n): the business-hours reply time of thousands of replies needs it.
public struct BusinessTimeline: Sendable, Equatable {
    /// Sorted, non-overlapping working intervals (seconds since 1970).
    private let starts: [Double]
    private let ends: [Double]
    /// Working seconds before interval i.
    private let before: [Double]

    /// Builds the working intervals of `hours` for every local day touching `from ... to`.
    public init(hours: BusinessHours, from: Date, to: Date) {
        var merged: [(Double, Double)] = []
        for interval in hours.workingIntervals(from: from, to: to).sorted(by: { $0.start < $1.start }) {
            let start = interval.start.timeIntervalSince1970
            let end = interval.end.timeIntervalSince1970
            if let last = merged.last, start <= last.1 {
                merged[merged.count - 1].1 = Swift.max(last.1, end)
            } else {
                merged.append((start, end))
            }
        }
        starts = merged.map(\.0)
        ends = merged.map(\.1)
        var total = 0.0
        before = merged.map { interval in
            defer { total += interval.1 - interval.0 }
            return total
        }
    }

    /// Working seconds between `start` and `end` (0 when `end` is not after `start`).
    public func seconds(from start: Double, to end: Double) -> Double {
        guard end > start else { return 0 }
        return elapsed(at: end) - elapsed(at: start)
    }

    /// Working seconds from the first interval up to `time`.
    private func elapsed(at time: Double) -> Double {
        guard let index = ReportCalendar.lastIndex(in: starts, atOrBefore: time) else { return 0 }
        return before[index] + Swift.min(time, ends[index]) - starts[index]
    }
}

extension BusinessHours {
    /// The working intervals of every local day of the schedule's zone from the day of `from` to the day of `to`.
    public func workingIntervals(from: Date, to: Date) -> [DateInterval] {
        guard let zone = TimeZone(identifier: timeZone), from <= to else { return [] }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let holidaySet = Set(holidays)
        var day = calendar.startOfDay(for: from)
        var result: [DateInterval] = []
        while day <= to {
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
            guard let year = parts.year, let month = parts.month, let dayOfMonth = parts.day, let weekday = parts.weekday,
                let next = calendar.date(byAdding: .day, value: 1, to: day)
            else { break }
            if !holidaySet.contains(ReportDay.text(ReportDay.number(year: year, month: month, day: dayOfMonth))) {
                for interval in week[Self.weekdays[weekday - 1]] ?? [] {
                    guard let open = Self.minutes(interval.open), let close = Self.minutes(interval.close), open < close,
                        let start = calendar.date(bySettingHour: open / 60, minute: open % 60, second: 0, of: day),
                        let end = close == 24 * 60 ? next : calendar.date(bySettingHour: close / 60, minute: close % 60, second: 0, of: day)
                    else { continue }
                    result.append(DateInterval(start: start, end: end))
                }
            }
            day = next
        }
        return result
    }
}
