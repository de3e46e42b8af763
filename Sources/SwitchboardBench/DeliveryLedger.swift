import Synchronization

/// What happened to every message of a run: when it was due, when it was acknowledged, when its
/// frame reached the operator's WebSocket. Times are seconds since the ledger was created, from one
/// monotonic clock shared by the flooding connections and the stream listener.
public final class DeliveryLedger: Sendable {
    /// One message's fate.
    public struct Record: Sendable, Equatable {
        /// Index of the phase (flood or rate) that sent it.
        public var phase: Int
        /// When it was due: the send for a closed loop, the schedule for an open loop.
        public var due: Double
        /// When the answer arrived, nil while none did.
        public var answered: Double?
        /// The answer's status, 0 when the request failed without one.
        public var status: Int?
        /// When its first `message.created` frame arrived.
        public var firstFrame: Double?
        /// How many `message.created` frames carried it.
        public var frames: Int

        /// Creates a record.
        public init(phase: Int, due: Double, answered: Double? = nil, status: Int? = nil, firstFrame: Double? = nil, frames: Int = 0) {
            self.phase = phase
            self.due = due
            self.answered = answered
            self.status = status
            self.firstFrame = firstFrame
            self.frames = frames
        }
    }

    private let origin: ContinuousClock.Instant
    private let records = Mutex<[Int: Record]>([:])

    /// Creates an empty ledger.
    public init() {
        origin = .now
    }

    /// Creates an empty ledger whose times count from `other`'s origin, so the two compare (one
    /// listener per server, each noting its frames in a ledger of its own).
    public init(sharingClockWith other: DeliveryLedger) {
        origin = other.origin
    }

    /// Seconds since the ledger was created.
    public func now() -> Double {
        let (seconds, attoseconds) = origin.duration(to: .now).components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// Notes that message `number` is due now (or at `due`, for an open loop's schedule).
    public func sending(_ number: Int, phase: Int, due: Double) {
        records.withLock { $0[number] = Record(phase: phase, due: due) }
    }

    /// Notes the answer to message `number`; `status` 0 means the request failed without one.
    public func answered(_ number: Int, status: Int) {
        let at = now()
        records.withLock {
            $0[number]?.answered = at
            $0[number]?.status = status
        }
    }

    /// Notes a `message.created` frame carrying message `number`.
    public func framed(_ number: Int) {
        let at = now()
        records.withLock { all in
            var record = all[number] ?? Record(phase: -1, due: at)
            if record.firstFrame == nil { record.firstFrame = at }
            record.frames += 1
            all[number] = record
        }
    }

    /// Every record so far, by message number.
    public func snapshot() -> [Int: Record] { records.withLock { $0 } }

    /// How many messages of `phase` were acknowledged (answered 2xx) but have no frame yet.
    public func awaitingFrames(phase: Int? = nil) -> Int {
        records.withLock { all in
            all.values.count(where: { ($0.phase == phase || phase == nil) && $0.isAcknowledged && $0.frames == 0 })
        }
    }
}

extension DeliveryLedger.Record {
    /// Whether the server acknowledged the message: a 2xx answer, given only after the commit.
    public var isAcknowledged: Bool { status.map { (200..<300).contains($0) } ?? false }
}
