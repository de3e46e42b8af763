/// Conversations opened and messages in and out, per local day and per hour of the week, and the
/// queue's length at the start of every local hour.
public struct ReportLoad: Sendable, Equatable {
    /// Counts of one day or one heatmap cell.
    public struct Counts: Sendable, Equatable {
        public var opened = 0
        public var messagesIn = 0
        public var messagesOut = 0

        mutating func add(_ bucket: ReportActivity) {
            opened += bucket.opened
            messagesIn += bucket.messagesIn
            messagesOut += bucket.messagesOut
        }
    }

    /// One point of the queue line.
    public struct QueuePoint: Sendable, Equatable {
        public var at: Double
        public var length: Int
    }

    /// Every day of the range, zeros included.
    public var days: [(date: String, counts: Counts)]
    /// 168 cells, Monday 00:00 first: index (weekday − 1) · 24 + hour.
    public var heatmap: [Counts]
    public var queue: [QueuePoint]

    /// Buckets the activity into the calendar's days and local hours.
    public init(activity: [ReportActivity], queueStays: ReportMeasurements, calendar: ReportCalendar) {
        var dayCounts = Array(repeating: Counts(), count: calendar.dayCount)
        var cells = Array(repeating: Counts(), count: 168)
        for bucket in activity {
            guard let day = calendar.dayIndex(bucket.start) else { continue }
            dayCounts[day].add(bucket)
            let (weekday, hour) = calendar.hourOfWeek(bucket.start)
            cells[(weekday - 1) * 24 + hour].add(bucket)
        }
        days = dayCounts.enumerated().map { (calendar.date(ofDay: $0.offset), $0.element) }
        heatmap = cells
        let moments = calendar.hourStarts()
        queue = zip(moments, queueStays.queueLengths(at: moments)).map { QueuePoint(at: $0.0, length: $0.1) }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.days.elementsEqual(rhs.days) { $0.date == $1.date && $0.counts == $1.counts } && lhs.heatmap == rhs.heatmap && lhs.queue == rhs.queue
    }
}
