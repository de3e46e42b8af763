/// What the floods of one server gave, before its database is read.
struct Measured: Sendable {
    var phases: [E2EServerReport.Phase]
    /// The server after start-up, before the floods.
    var idle: ProcessSample
    /// The server idle after the last flood.
    var after: ProcessSample
    var records: [Int: DeliveryLedger.Record]

    /// The server's report, its delivery checked against the texts the database holds.
    func report(name: String, storedTexts: [String], streamed: Bool) -> E2EServerReport {
        E2EServerReport(
            name: name,
            phases: phases,
            idleResidentBytes: idle.residentBytes,
            afterResidentBytes: after.residentBytes,
            peakResidentBytes: after.peakResidentBytes,
            check: DeliveryCheck(records: records, stored: Self.countMarkers(storedTexts), streamed: streamed)
        )
    }

    /// How many stored texts carry each message's marker.
    static func countMarkers(_ texts: [String]) -> [Int: Int] {
        var counts: [Int: Int] = [:]
        for text in texts {
            if let number = BenchMarker.number(in: text) { counts[number, default: 0] += 1 }
        }
        return counts
    }
}
