/// Percentiles of a set of latencies, in milliseconds.
public struct LatencySummary: Sendable, Equatable {
    public let count: Int
    public let p50: Double
    public let p95: Double
    public let p99: Double
    public let max: Double

    /// Summarizes samples given in seconds (nearest-rank percentiles).
    public init(seconds samples: [Double]) {
        let sorted = samples.sorted()
        count = sorted.count
        func rank(_ fraction: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let index = Swift.max(0, Swift.min(sorted.count - 1, Int((fraction * Double(sorted.count)).rounded(.up)) - 1))
            return sorted[index] * 1000
        }
        p50 = rank(0.50)
        p95 = rank(0.95)
        p99 = rank(0.99)
        max = (sorted.last ?? 0) * 1000
    }
}
