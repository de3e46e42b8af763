public import Foundation

/// Why a report's date range or time zone was refused.
public enum ReportRangeError: Error, Equatable, Sendable {
    /// `from`/`to` is not a date, `to` is before `from`, or the range is longer than allowed.
    case invalidRange(String)
    /// `tz` is not an IANA time zone name.
    case invalidTimeZone(String)
}

/// The days a report covers: `from` … `to` inclusive, as local dates of one time zone.
public struct ReportRange: Sendable, Equatable {
    /// The longest range a report accepts, in days.
    public static let maxDays = 366
    /// Days of the default range, ending today.
    public static let defaultDays = 7

    /// First day, `yyyy-MM-dd`.
    public let from: String
    /// Last day (inclusive), `yyyy-MM-dd`.
    public let to: String
    /// The IANA name the dates are read in.
    public let timeZoneName: String
    /// Day boundaries and local hours of the range.
    public let calendar: ReportCalendar

    /// The first moment of `from` in the zone.
    public var start: Date { Date(timeIntervalSince1970: calendar.start) }
    /// The first moment after `to` in the zone (exclusive end).
    public var end: Date { Date(timeIntervalSince1970: calendar.end) }

    /// Reads the query parameters; missing dates give the last `defaultDays` days ending today in the zone.
    /// - Throws: `ReportRangeError` for an unknown zone, a bad date, `to` before `from` or more than `maxDays` days.
    public init(from: String?, to: String?, timeZone: String?, now: Date) throws(ReportRangeError) {
        let name = timeZone ?? "UTC"
        guard !name.isEmpty, let zone = TimeZone(identifier: name) else {
            throw .invalidTimeZone("Unknown time zone '\(name)'; use an IANA name such as Europe/Berlin.")
        }
        let todayNumber = Int(((now.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: now))) / 86_400).rounded(.down))
        let last = try Self.day(to, named: "to") ?? todayNumber
        let first = try Self.day(from, named: "from") ?? (to == nil ? todayNumber - Self.defaultDays + 1 : last - Self.defaultDays + 1)
        guard first <= last else { throw .invalidRange("'to' is before 'from'.") }
        guard last - first + 1 <= Self.maxDays else { throw .invalidRange("A report covers at most \(Self.maxDays) days.") }
        self.from = ReportDay.text(first)
        self.to = ReportDay.text(last)
        self.timeZoneName = name
        self.calendar = ReportCalendar(timeZone: zone, firstDay: first, dayCount: last - first + 1)
    }

    private static func day(_ text: String?, named name: String) throws(ReportRangeError) -> Int? {
        guard let text else { return nil }
        guard let number = ReportDay.number(text), (ReportDay.number("1970-01-02")!...ReportDay.number("9998-12-31")!).contains(number) else {
            throw .invalidRange("'\(name)' must be a date yyyy-MM-dd, got '\(text)'.")
        }
        return number
    }
}
