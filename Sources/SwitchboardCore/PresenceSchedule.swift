/// Online and away time of one operator, built from their presence log.
public struct PresenceSchedule: Sendable, Equatable {
    /// A stretch of one status, cut at local midnight.
    public struct Span: Sendable, Equatable {
        /// `online` or `away`.
        public var status: PresenceStatus
        public var start: Double
        public var end: Double

        /// Creates a span.
        public init(status: PresenceStatus, start: Double, end: Double) {
            self.status = status
            self.start = start
            self.end = end
        }

        var seconds: Double { end - start }
    }

    /// One local day of the range.
    public struct Day: Sendable, Equatable {
        public var date: String
        public var onlineSeconds: Double = 0
        public var awaySeconds: Double = 0
        public var spans: [Span] = []
    }

    /// A Monday-based week touching the range; only seconds inside the range count.
    public struct Week: Sendable, Equatable {
        public var weekStart: String
        public var onlineSeconds: Double = 0
        public var awaySeconds: Double = 0
    }

    public var days: [Day]
    public var weeks: [Week]
    public var onlineSeconds: Double { days.reduce(0) { $0 + $1.onlineSeconds } }
    public var awaySeconds: Double { days.reduce(0) { $0 + $1.awaySeconds } }

    /// Builds the schedule.
    /// - Parameters:
    ///   - before: the operator's status at the start of the range (their last log entry before it; nil: offline).
    ///   - changes: log entries inside the range, oldest first.
    ///   - now: an ongoing status lasts until now, never into the future.
    public init(before: PresenceStatus?, changes: [(at: Double, status: PresenceStatus)], calendar: ReportCalendar, now: Double) {
        days = (0..<calendar.dayCount).map { Day(date: calendar.date(ofDay: $0)) }
        var weekIndex: [Int: Int] = [:]
        weeks = []
        for index in 0..<calendar.dayCount {
            let day = calendar.firstDay + index
            let monday = day - (ReportDay.weekday(day) - 1)
            if weekIndex[monday] == nil {
                weekIndex[monday] = weeks.count
                weeks.append(Week(weekStart: ReportDay.text(monday)))
            }
        }
        let limit = Swift.min(calendar.end, now)
        var entries: [(at: Double, status: PresenceStatus)] = [(calendar.start, before ?? .offline)]
        entries += changes.filter { calendar.contains($0.at) }
        for (index, entry) in entries.enumerated() where entry.status != .offline {
            let end = Swift.min(index + 1 < entries.count ? entries[index + 1].at : limit, limit)
            var start = entry.at
            // Cut at every local midnight the stretch crosses.
            while start < end, let dayIndex = calendar.dayIndex(start) {
                let piece = Span(status: entry.status, start: start, end: Swift.min(end, calendar.dayStarts[dayIndex + 1]))
                add(piece, day: dayIndex, week: weekIndex[calendar.firstDay + dayIndex - (ReportDay.weekday(calendar.firstDay + dayIndex) - 1)] ?? 0)
                start = piece.end
            }
        }
    }

    private mutating func add(_ span: Span, day: Int, week: Int) {
        days[day].spans.append(span)
        if span.status == .online {
            days[day].onlineSeconds += span.seconds
            weeks[week].onlineSeconds += span.seconds
        } else {
            days[day].awaySeconds += span.seconds
            weeks[week].awaySeconds += span.seconds
        }
    }
}
