extension ReportMeasurements {
    /// How many conversations sat in the queue at each of `moments` (a stay counts from its start,
    /// inclusive, to its end, exclusive).
    public func queueLengths(at moments: [Double]) -> [Int] {
        let starts = queueStays.map(\.start).sorted()
        let ends = queueStays.compactMap(\.end).sorted()
        return moments.map { moment in
            let entered = ReportCalendar.lastIndex(in: starts, atOrBefore: moment).map { $0 + 1 } ?? 0
            let left = ReportCalendar.lastIndex(in: ends, atOrBefore: moment).map { $0 + 1 } ?? 0
            return entered - left
        }
    }
}
