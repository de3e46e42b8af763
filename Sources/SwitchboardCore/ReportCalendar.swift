public import Foundation

/// Local days and hours of a report's range in one time zone, computed once so that bucketing a
/// million timestamps is arithmetic and a binary search, not a calendar call each.
public struct ReportCalendar: Sendable, Equatable {
    public let timeZone: TimeZone
    /// Day number (days since 1970-01-01) of the first local day.
    public let firstDay: Int
    public let dayCount: Int
    /// Absolute start of each local day (seconds since 1970), plus the end of the last one.
    public let dayStarts: [Double]
    /// Constant-offset stretches covering the range: where each starts and the zone's offset there.
    private let offsetStarts: [Double]
    private let offsets: [Double]

    /// Builds the days `firstDay ..< firstDay + dayCount` of `timeZone`.
    public init(timeZone: TimeZone, firstDay: Int, dayCount: Int) {
        self.timeZone = timeZone
        self.firstDay = firstDay
        self.dayCount = dayCount
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        dayStarts = (0...dayCount).map { index in
            let (year, month, day) = ReportDay.civil(firstDay + index)
            // A day whose midnight does not exist (a DST jump at 00:00) starts at its first real moment.
            let date = calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSince1970: 0)
            return date.timeIntervalSince1970
        }
        var starts: [Double] = []
        var values: [Double] = []
        var cursor = Date(timeIntervalSince1970: dayStarts[0] - 86_400)
        let last = Date(timeIntervalSince1970: dayStarts[dayCount] + 86_400)
        while cursor < last {
            starts.append(cursor.timeIntervalSince1970)
            values.append(Double(timeZone.secondsFromGMT(for: cursor)))
            guard let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), next > cursor else { break }
            cursor = next
        }
        offsetStarts = starts
        offsets = values
    }

    /// The first moment of the range.
    public var start: Double { dayStarts[0] }
    /// The first moment after the range.
    public var end: Double { dayStarts[dayCount] }

    /// Whether `time` lies in the range.
    public func contains(_ time: Double) -> Bool { time >= start && time < end }

    /// Index (0-based) of the local day holding `time`, or nil outside the range.
    public func dayIndex(_ time: Double) -> Int? {
        guard contains(time) else { return nil }
        return Self.lastIndex(in: dayStarts, atOrBefore: time)
    }

    /// `yyyy-MM-dd` of a day of the range.
    public func date(ofDay index: Int) -> String { ReportDay.text(firstDay + index) }

    /// The zone's offset from UTC at `time`, in seconds.
    public func offset(at time: Double) -> Double {
        if time < end + 86_400, let index = Self.lastIndex(in: offsetStarts, atOrBefore: time) { return offsets[index] }
        return Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: time)))
    }

    /// Local ISO weekday (1 = Monday) and hour (0…23) of `time`.
    public func hourOfWeek(_ time: Double) -> (weekday: Int, hour: Int) {
        let local = time + offset(at: time)
        let day = (local / 86_400).rounded(.down)
        let hour = Int((local - day * 86_400) / 3600)
        return (ReportDay.weekday(Int(day)), Swift.min(hour, 23))
    }

    /// The start of every local hour in the range (23 or 25 on days the clocks change).
    public func hourStarts() -> [Double] {
        var result: [Double] = []
        var time = start
        while time < end {
            result.append(time)
            let next = time + 3600
            // Re-align to the next local hour when the offset changed by a part of an hour (Lord Howe's 30 minutes).
            let local = next + offset(at: next)
            let drift = local - (local / 3600).rounded(.down) * 3600
            time = drift == 0 ? next : next + 3600 - drift
        }
        return result
    }

    /// ISO 8601 text of `time` with the zone's offset, e.g. `2026-03-01T09:30:00+01:00`.
    public func iso(_ time: Double) -> String {
        let offset = Int(self.offset(at: time))
        let local = time + Double(offset)
        let day = (local / 86_400).rounded(.down)
        var seconds = local - day * 86_400
        let hour = Int(seconds / 3600)
        seconds -= Double(hour * 3600)
        let minute = Int(seconds / 60)
        seconds -= Double(minute * 60)
        let whole = Int(seconds.rounded(.down))
        let millis = Int(((seconds - Double(whole)) * 1000).rounded())
        var text = ReportDay.text(Int(day)) + "T" + ReportDay.pad(hour, 2) + ":" + ReportDay.pad(minute, 2) + ":" + ReportDay.pad(whole, 2)
        if millis > 0 && millis < 1000 { text += "." + ReportDay.pad(millis, 3) }
        let sign = offset < 0 ? "-" : "+"
        return text + sign + ReportDay.pad(abs(offset) / 3600, 2) + ":" + ReportDay.pad(abs(offset) % 3600 / 60, 2)
    }

    /// The index of the last element `<= value` in a sorted array, or nil when all are greater.
    static func lastIndex(in sorted: [Double], atOrBefore value: Double) -> Int? {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : low - 1
    }
}
