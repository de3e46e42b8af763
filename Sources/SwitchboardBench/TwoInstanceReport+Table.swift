import Foundation

extension TwoInstanceReport {
    /// The report as a table: one row per figure, one column per rate, latencies as p50 / p99 / max in ms.
    public func table() -> [String] {
        let rows: [(String, (Phase) -> String)] = [
            ("acknowledged by A", { "\($0.acknowledged)/\($0.sent), \(Int($0.throughput.rounded()))/s" }),
            ("due -> A's answer", { Self.latency($0.acknowledgement) }),
            ("due -> frame on A", { Self.latency($0.dueToA) }),
            ("due -> frame on B", { Self.latency($0.dueToB) }),
            ("answer -> frame on A", { Self.latency($0.answerToA) }),
            ("answer -> frame on B", { Self.latency($0.answerToB) }),
            ("frame on A -> frame on B", { Self.latency($0.aToB) }),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        var lines = ["rate".padding(toLength: width, withPad: " ", startingAt: 0) + phases.map { Self.cell("\(Int($0.rate)) msg/s") }.joined()]
        for (label, value) in rows {
            lines.append(label.padding(toLength: width, withPad: " ", startingAt: 0) + phases.map { Self.cell(value($0)) }.joined())
        }
        return lines
    }

    private static func latency(_ summary: LatencySummary) -> String {
        String(format: "%.1f / %.1f / %.1f", summary.p50, summary.p99, summary.max)
    }

    private static func cell(_ text: String) -> String {
        "  " + String(repeating: " ", count: max(0, 26 - text.count)) + text
    }
}
