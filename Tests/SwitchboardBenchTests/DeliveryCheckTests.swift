import SwitchboardBench
import Testing

@Suite struct DeliveryCheckTests {
    typealias Record = DeliveryLedger.Record

    static func record(status: Int?, frames: Int) -> Record {
        var record = Record(phase: 0, due: 1, answered: status == nil ? nil : 1.01, status: status)
        record.frames = frames
        record.firstFrame = frames > 0 ? 1.02 : nil
        return record
    }

    @Test func everyMessageStoredAndStreamedOnceIsClean() {
        let records = [1: Self.record(status: 200, frames: 1), 2: Self.record(status: 200, frames: 1)]
        let check = DeliveryCheck(records: records, stored: [1: 1, 2: 1], streamed: true)
        #expect(check.isClean)
        #expect(check.acknowledged == 2)
        #expect(check.problems.isEmpty)
    }

    @Test func anAcknowledgedMessageMissingFromTheDatabaseIsLost() {
        let records = [1: Self.record(status: 200, frames: 1), 2: Self.record(status: 200, frames: 1)]
        let check = DeliveryCheck(records: records, stored: [1: 1], streamed: true)
        #expect(check.lost == [2])
        #expect(!check.isClean)
        #expect(check.problems.contains { $0.contains("LOST") && $0.contains("2") })
    }

    @Test func aMessageStoredTwiceIsDoubled() {
        let records = [1: Self.record(status: 200, frames: 1)]
        let check = DeliveryCheck(records: records, stored: [1: 2], streamed: true)
        #expect(check.doubled == [1])
        #expect(check.problems.contains { $0.contains("DOUBLED") })
    }

    @Test func aMessageTheStreamNeverCarriedOrCarriedTwiceIsReported() {
        let records = [1: Self.record(status: 200, frames: 0), 2: Self.record(status: 200, frames: 2)]
        let check = DeliveryCheck(records: records, stored: [1: 1, 2: 1], streamed: true)
        #expect(check.unseen == [1])
        #expect(check.shownTwice == [2])
        #expect(!check.isClean)
    }

    @Test func withoutAStreamFramesAreNotExpected() {
        let records = [1: Self.record(status: 200, frames: 0)]
        #expect(DeliveryCheck(records: records, stored: [1: 1], streamed: false).isClean)
    }

    @Test func anErrorOrMissingAnswerIsRefusedButAStoredUnacknowledgedMessageIsNotLost() {
        // A 500 or a dropped connection: the messenger would send it again, so it is not lost, but the run is not clean.
        let records = [1: Self.record(status: 500, frames: 0), 2: Self.record(status: 0, frames: 0), 3: Self.record(status: nil, frames: 0)]
        let check = DeliveryCheck(records: records, stored: [2: 1], streamed: true)
        #expect(check.refused == [1, 2, 3])
        #expect(check.lost.isEmpty)
        #expect(check.unseen.isEmpty)
        #expect(check.acknowledged == 0)
        #expect(!check.isClean)
    }
}
