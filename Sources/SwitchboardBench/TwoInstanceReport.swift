/// What the two-instance part of `bench ingest --database postgres://…` measured: client messages
/// posted to instance A at paced rates, their `message.created` frames timed on an operator's
/// WebSocket on instance B (the cross-instance bus) and on A itself (the local bus, for comparison).
public struct TwoInstanceReport: Sendable {
    /// One paced rate's figures; times run from when a message was due (open loop), or from A's answer.
    public struct Phase: Sendable, Equatable {
        /// Messages per second asked for.
        public var rate: Double
        public var sent: Int
        public var acknowledged: Int
        /// Acknowledged messages per second, from the first message due to the last answer.
        public var throughput: Double
        /// Due → A's 2xx answer (given after A's commit).
        public var acknowledgement: LatencySummary
        /// Due → the frame on A's own WebSocket.
        public var dueToA: LatencySummary
        /// Due → the frame on B's WebSocket.
        public var dueToB: LatencySummary
        /// A's answer → the frame on A, the commit-to-screen time of one instance.
        public var answerToA: LatencySummary
        /// A's answer → the frame on B: the bus requirement's "committed by A, on B's WebSocket".
        public var answerToB: LatencySummary
        /// Frame on A → the same message's frame on B: what the second instance adds.
        public var aToB: LatencySummary

        /// Summarizes one phase.
        /// - Parameters:
        ///   - records: the phase's messages, their frames as B's listener saw them.
        ///   - framesOnA: A's listener's records by message number (only their frames are read).
        ///
        /// A frame can arrive a hair before the answer that follows the commit reaches the client
        /// (the notification races the HTTP reply); that counts as no delay, not a negative one.
        public init(rate: Double, records: [Int: DeliveryLedger.Record], framesOnA: [Int: DeliveryLedger.Record]) {
            self.rate = rate
            sent = records.count
            let acknowledged = records.filter { $0.value.isAcknowledged }
            self.acknowledged = acknowledged.count
            let firstDue = records.values.map(\.due).min() ?? 0
            let span = (acknowledged.values.compactMap(\.answered).max() ?? firstDue) - firstDue
            throughput = span > 0 ? Double(acknowledged.count) / span : 0
            func gaps(_ start: (Int, DeliveryLedger.Record) -> Double?, _ end: (Int, DeliveryLedger.Record) -> Double?) -> LatencySummary {
                LatencySummary(
                    seconds: acknowledged.compactMap { number, record in
                        guard let from = start(number, record), let to = end(number, record) else { return nil }
                        return max(0, to - from)
                    }
                )
            }
            let due: (Int, DeliveryLedger.Record) -> Double? = { _, record in record.due }
            let answered: (Int, DeliveryLedger.Record) -> Double? = { _, record in record.answered }
            let onA: (Int, DeliveryLedger.Record) -> Double? = { number, _ in framesOnA[number]?.firstFrame }
            let onB: (Int, DeliveryLedger.Record) -> Double? = { _, record in record.firstFrame }
            acknowledgement = gaps(due, answered)
            dueToA = gaps(due, onA)
            dueToB = gaps(due, onB)
            answerToA = gaps(answered, onA)
            answerToB = gaps(answered, onB)
            aToB = gaps(onA, onB)
        }
    }

    public var phases: [Phase]
    /// Every message stored once and carried once by B's stream.
    public var checkOnB: DeliveryCheck
    /// Every message stored once and carried once by A's stream.
    public var checkOnA: DeliveryCheck

    /// The run's records with their frames replaced by those A's listener saw, for checking A's
    /// stream as ``DeliveryCheck`` checks B's; a frame for a message the run never sent is kept too.
    public static func framedOnA(records: [Int: DeliveryLedger.Record], framesOnA: [Int: DeliveryLedger.Record]) -> [Int: DeliveryLedger.Record] {
        var merged = records.mapValues { record in
            var record = record
            record.frames = 0
            record.firstFrame = nil
            return record
        }
        for (number, seen) in framesOnA {
            var record = merged[number] ?? DeliveryLedger.Record(phase: -1, due: seen.due)
            record.frames = seen.frames
            record.firstFrame = seen.firstFrame
            merged[number] = record
        }
        return merged
    }
}
