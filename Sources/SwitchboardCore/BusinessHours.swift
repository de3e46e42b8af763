public import Foundation

/// When operators work: a weekly schedule in one time zone, minus holidays.
public struct BusinessHours: Sendable, Codable, Equatable {
    /// One working interval of a weekday, as local "HH:mm" times (`close` after `open`).
    public struct Interval: Sendable, Codable, Equatable {
        public var open: String
        public var close: String

        /// Creates an interval.
        public init(open: String, close: String) {
            self.open = open
            self.close = close
        }
    }

    /// IANA time zone, e.g. `Europe/Kyiv`.
    public var timeZone: String
    /// Working intervals by weekday name (`monday` … `sunday`); a missing day is a day off.
    public var week: [String: [Interval]]
    /// Local dates (`yyyy-MM-dd`) without work.
    public var holidays: [String]

    /// The weekday names `week` accepts, Sunday first as Foundation's calendar counts.
    public static let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    /// Creates a schedule.
    public init(timeZone: String, week: [String: [Interval]], holidays: [String] = []) {
        self.timeZone = timeZone
        self.week = week
        self.holidays = holidays
    }

    /// Why the schedule cannot be used, or nil when it is valid.
    public var problem: String? {
        guard TimeZone(identifier: timeZone) != nil else { return "unknown time zone '\(timeZone)'" }
        for (day, intervals) in week {
            guard Self.weekdays.contains(day) else { return "unknown weekday '\(day)'" }
            for interval in intervals {
                guard let open = Self.minutes(interval.open), let close = Self.minutes(interval.close) else {
                    return "times must be HH:mm, got '\(interval.open)'–'\(interval.close)'"
                }
                guard open < close else { return "on \(day), \(interval.open) is not before \(interval.close)" }
            }
        }
        for holiday in holidays where Self.localDate(holiday) == nil {
            return "holidays must be yyyy-MM-dd, got '\(holiday)'"
        }
        return nil
    }

    /// Whether operators work at `date`.
    public func isOpen(at date: Date) -> Bool {
        intervals(around: date, days: 0...0).contains { $0.contains(date) && $0.end != date }
    }

    /// The next moment operators start working after `date` (nil when the schedule has no working time
    /// within a year); when `date` is inside working time this is `date` itself.
    public func nextOpening(after date: Date) -> Date? {
        if isOpen(at: date) { return date }
        return intervals(around: date, days: 0...366).map(\.start).filter { $0 > date }.min()
    }

    /// Working intervals of the local days `days` after the local day of `date`, as absolute times.
    private func intervals(around date: Date, days: ClosedRange<Int>) -> [DateInterval] {
        guard let zone = TimeZone(identifier: timeZone) else { return [] }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let holidaySet = Set(holidays)
        let startOfDay = calendar.startOfDay(for: date)
        var result: [DateInterval] = []
        for offset in days {
            guard let day = calendar.date(byAdding: .day, value: offset, to: startOfDay) else { continue }
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
            guard let year = parts.year, let month = parts.month, let dayOfMonth = parts.day, let weekday = parts.weekday else { continue }
            let label = String(format: "%04d-%02d-%02d", year, month, dayOfMonth)
            if holidaySet.contains(label) { continue }
            for interval in week[Self.weekdays[weekday - 1]] ?? [] {
                guard let open = Self.minutes(interval.open), let close = Self.minutes(interval.close), open < close,
                    let start = calendar.date(bySettingHour: open / 60, minute: open % 60, second: 0, of: day),
                    let end = close == 24 * 60
                        ? calendar.date(byAdding: .day, value: 1, to: day)
                        : calendar.date(bySettingHour: close / 60, minute: close % 60, second: 0, of: day)
                else { continue }
                result.append(DateInterval(start: start, end: end))
            }
        }
        return result
    }

    /// Minutes after midnight of "HH:mm" (24:00 allowed as the end of a day).
    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]),
            (0...59).contains(minutes), (0...23).contains(hours) || (hours == 24 && minutes == 0)
        else { return nil }
        return hours * 60 + minutes
    }

    private static func localDate(_ text: String) -> (Int, Int, Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
            let day = Int(parts[2]), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        return (year, month, day)
    }
}

extension BusinessHours {
    /// A moment as the client reads it in the schedule's time zone: "Monday 09:00", "понедельник 09:00".
    public func describe(_ date: Date, in language: AutomationLanguage) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: language.localeIdentifier)
        formatter.timeZone = TimeZone(identifier: timeZone)
        formatter.dateFormat = "EEEE HH:mm"
        return formatter.string(from: date)
    }
}

extension AutomationLanguage {
    /// The locale dates are written in.
    var localeIdentifier: String {
        switch self {
        case .en: "en_US"
        case .ru: "ru_RU"
        case .uk: "uk_UA"
        }
    }
}
