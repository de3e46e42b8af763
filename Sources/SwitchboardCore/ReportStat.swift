/// Count, minimum, average, median, 90th percentile and maximum of a list of durations in seconds.
///
/// Median: the middle value, or the mean of the two middle values. p90: nearest rank, the
/// ceil(0.9·n)-th smallest value. Every statistic is nil when there are no values.
public struct ReportStat: Sendable, Equatable, Encodable {
    public var count: Int
    public var min: Double?
    public var avg: Double?
    public var median: Double?
    public var p90: Double?
    public var max: Double?

    /// Computes the statistics of `values` (any order).
    public init(_ values: [Double]) {
        let sorted = values.sorted()
        count = sorted.count
        guard let first = sorted.first, let last = sorted.last else { return }
        min = first
        max = last
        avg = sorted.reduce(0, +) / Double(sorted.count)
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        // Nearest rank: the smallest value with at least 90 % of the values at or below it.
        let rank = (sorted.count * 9 + 9) / 10
        p90 = sorted[rank - 1]
    }

    private enum CodingKeys: String, CodingKey {
        case count, min, avg, median, p90, max
    }

    /// Writes every key, with `null` for a missing statistic (the API promises the keys).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(min, forKey: .min)
        try container.encode(avg, forKey: .avg)
        try container.encode(median, forKey: .median)
        try container.encode(p90, forKey: .p90)
        try container.encode(max, forKey: .max)
    }
}

/// The four figures of a report, plus how many opening periods got no operator reply.
public struct ReportFigures: Sendable, Equatable, Encodable {
    public var firstResponse: ReportStat
    public var replyTime: ReportStat
    public var lifetime: ReportStat
    public var queueWait: ReportStat
    /// Client-started opening periods (started in the range) without any operator reply in them.
    public var unanswered: Int

    /// Creates figures from their parts.
    public init(firstResponse: ReportStat, replyTime: ReportStat, lifetime: ReportStat, queueWait: ReportStat, unanswered: Int) {
        self.firstResponse = firstResponse
        self.replyTime = replyTime
        self.lifetime = lifetime
        self.queueWait = queueWait
        self.unanswered = unanswered
    }

    /// The statistics of one figure by name.
    public func stat(_ figure: ReportFigure) -> ReportStat {
        switch figure {
        case .firstResponse: firstResponse
        case .replyTime: replyTime
        case .lifetime: lifetime
        case .queueWait: queueWait
        }
    }
}

/// The measured durations, by their API names.
public enum ReportFigure: String, Sendable, CaseIterable, Hashable {
    case firstResponse
    case replyTime
    case lifetime
    case queueWait
}
