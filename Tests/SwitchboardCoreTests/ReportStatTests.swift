import Foundation
import SwitchboardCore
import Testing

@Suite struct ReportStatTests {
    @Test func emptyListHasCountZeroAndNoStatistics() {
        let stat = ReportStat([])
        #expect(stat.count == 0)
        #expect(stat.min == nil && stat.avg == nil && stat.median == nil && stat.p90 == nil && stat.max == nil)
    }

    @Test func oddCountTakesTheMiddleValueAndNearestRankP90() {
        // sorted: 10 20 30 40 50; median the 3rd; p90 rank ceil(4.5) = 5 → 50; avg 150 / 5 = 30.
        let stat = ReportStat([50, 10, 40, 20, 30])
        #expect(stat == .init(count: 5, min: 10, avg: 30, median: 30, p90: 50, max: 50))
    }

    @Test func evenCountAveragesTheTwoMiddleValues() {
        // sorted 1…10: median (5 + 6) / 2 = 5.5; p90 rank ceil(9) = 9 → 9; avg 55 / 10 = 5.5.
        let stat = ReportStat((1...10).map(Double.init).reversed())
        #expect(stat.median == 5.5)
        #expect(stat.p90 == 9)
        #expect(stat.avg == 5.5)
    }

    @Test func eleventhValueMovesP90ToTheTenth() {
        // n = 11: ceil(9.9) = 10 → the 10th smallest.
        #expect(ReportStat((1...11).map(Double.init)).p90 == 10)
    }

    @Test func encodesMissingStatisticsAsNull() throws {
        let json = String(decoding: try JSONEncoder().encode(ReportStat([])), as: UTF8.self)
        #expect(json.contains("\"median\":null"))
        #expect(json.contains("\"count\":0"))
    }
}

extension ReportStat {
    init(count: Int, min: Double, avg: Double, median: Double, p90: Double, max: Double) {
        self.init([])
        self.count = count
        self.min = min
        self.avg = avg
        self.median = median
        self.p90 = p90
        self.max = max
    }
}
