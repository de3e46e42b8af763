import SwitchboardBench
import Testing

@Suite struct LatencySummaryTests {
    @Test func percentilesAreNearestRankInMilliseconds() {
        // Given 1 … 100 ms, shuffled
        let samples = (1...100).map { Double($0) / 1000 }.shuffled()

        // When they are summarized
        let summary = LatencySummary(seconds: samples)

        // Then each percentile is the sample at its rank
        #expect(summary.count == 100)
        #expect(summary.p50 == 50)
        #expect(summary.p95 == 95)
        #expect(summary.p99 == 99)
        #expect(summary.max == 100)
    }

    @Test func aFewSamplesRoundTheRankUp() {
        let summary = LatencySummary(seconds: [0.010, 0.020, 0.030])
        #expect(summary.p50 == 20)
        #expect(summary.p95 == 30)
        #expect(summary.p99 == 30)
    }

    @Test func noSamplesSummarizeToZero() {
        #expect(LatencySummary(seconds: []) == LatencySummary(seconds: []))
        #expect(LatencySummary(seconds: []).p99 == 0)
        #expect(LatencySummary(seconds: []).count == 0)
    }
}
