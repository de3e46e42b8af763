import Foundation

extension E2EReport {
    /// The report as a table: one row per figure, Switchboard beside the minimal server and their ratio.
    public func table() -> [String] {
        var rows: [(String, Double?, Double?)] = []
        var unrated: Set<Int> = []
        let mebibyte = 1_048_576.0
        for (index, phase) in switchboard.phases.enumerated() {
            let other = minimal?.phases.indices.contains(index) == true ? minimal?.phases[index] : nil
            let name = phase.name
            rows.append(("acknowledged webhooks/s, \(name)", phase.throughput, other?.throughput))
            rows.append(contentsOf: Self.latencyRows("ack", name, phase.acknowledgement, other?.acknowledgement))
            if let frame = phase.frame { rows.append(contentsOf: Self.latencyRows("webhook → frame", name, frame, nil)) }
            rows.append(("server CPU per message µs, \(name)", phase.cpuPerMessage, other?.cpuPerMessage))
            rows.append(("busy after the last answer s, \(name)", phase.drainSeconds, other?.drainSeconds))
            // Both near zero for a server that keeps up: their ratio would only be noise.
            unrated.insert(rows.count - 1)
        }
        rows.append(("RSS idle MiB", Double(switchboard.idleResidentBytes) / mebibyte, minimal.map { Double($0.idleResidentBytes) / mebibyte }))
        rows.append(
            ("RSS after the floods MiB", Double(switchboard.afterResidentBytes) / mebibyte, minimal.map { Double($0.afterResidentBytes) / mebibyte })
        )
        rows.append(("RSS peak MiB", Double(switchboard.peakResidentBytes) / mebibyte, minimal.map { Double($0.peakResidentBytes) / mebibyte }))
        let width = rows.map(\.0.count).max() ?? 0
        var lines = [Self.pad("figure", width) + Self.cell("switchboard") + Self.cell("minimal") + Self.cell("ratio")]
        for (index, (label, mine, theirs)) in rows.enumerated() {
            let ratio: Double? =
                if let mine, let theirs, theirs > 0, !unrated.contains(index) { mine / theirs } else { nil }
            lines.append(Self.pad(label, width) + Self.cell(Self.number(mine)) + Self.cell(Self.number(theirs)) + Self.cell(Self.ratio(ratio)))
        }
        return lines
    }

    private static func latencyRows(
        _ what: String,
        _ phase: String,
        _ mine: LatencySummary,
        _ theirs: LatencySummary?
    ) -> [(String, Double?, Double?)] {
        [
            ("\(what) p50 ms, \(phase)", mine.p50, theirs?.p50),
            ("\(what) p95 ms, \(phase)", mine.p95, theirs?.p95),
            ("\(what) p99 ms, \(phase)", mine.p99, theirs?.p99),
            ("\(what) max ms, \(phase)", mine.max, theirs?.max),
        ]
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    private static func cell(_ text: String) -> String {
        String(repeating: " ", count: max(1, 13 - text.count)) + text
    }

    private static func number(_ value: Double?) -> String {
        guard let value else { return "—" }
        return value >= 100 ? String(format: "%.0f", value) : String(format: "%.2f", value)
    }

    private static func ratio(_ value: Double?) -> String {
        guard let value else { return "—" }
        return String(format: "%.3f ×", value)
    }
}
