import SwitchboardBench
import Testing

@Suite struct TwoInstanceReportTests {
    typealias Record = DeliveryLedger.Record

    /// A message due at `due`, answered `answer` s later (nil: no answer), its frame on B `frame` s after the due time.
    static func record(due: Double, answer: Double?, frame: Double?, frames: Int = 1) -> Record {
        Record(
            phase: 0,
            due: due,
            answered: answer.map { due + $0 },
            status: answer == nil ? nil : 200,
            firstFrame: frame.map { due + $0 },
            frames: frame == nil ? 0 : frames
        )
    }

    /// A frame on A's stream at `at` (A's listener knows no due time: the ledger notes the frame's time).
    static func frame(at: Double, frames: Int = 1) -> Record {
        Record(phase: -1, due: at, firstFrame: at, frames: frames)
    }

    static func close(_ value: Double, _ expected: Double) -> Bool { abs(value - expected) < 1e-6 }

    @Test func eachLatencyRunsBetweenItsOwnTwoMoments() {
        // Given one message due at 10 s, answered after 4 ms, framed on A after 5 ms and on B after 9 ms
        let records = [1: Self.record(due: 10, answer: 0.004, frame: 0.009)]
        let framesOnA = [1: Self.frame(at: 10.005)]

        // When the phase is summarized
        let phase = TwoInstanceReport.Phase(rate: 200, records: records, framesOnA: framesOnA)

        // Then every figure is the gap between the right two moments, in ms
        #expect(Self.close(phase.acknowledgement.p50, 4))
        #expect(Self.close(phase.dueToA.p50, 5))
        #expect(Self.close(phase.dueToB.p50, 9))
        #expect(Self.close(phase.answerToA.p50, 1))
        #expect(Self.close(phase.answerToB.p50, 5))
        #expect(Self.close(phase.aToB.p50, 4))
        #expect(phase.sent == 1 && phase.acknowledged == 1)
    }

    @Test func aFrameBeforeTheAnswerCountsAsNoDelayAndUnansweredOrUnframedMessagesAreLeftOut() {
        // Given a message framed on B 1 ms before its answer arrived, one never answered, one never framed on A
        let records = [
            1: Self.record(due: 0, answer: 0.010, frame: 0.009),
            2: Self.record(due: 0.005, answer: nil, frame: 0.007),
            3: Self.record(due: 0.010, answer: 0.002, frame: 0.030),
        ]
        let framesOnA = [1: Self.frame(at: 0.012)]

        // When the phase is summarized
        let phase = TwoInstanceReport.Phase(rate: 200, records: records, framesOnA: framesOnA)

        // Then the early frame counts as 0 ms, the unanswered message is in no figure, A's figures have one sample
        #expect(phase.sent == 3 && phase.acknowledged == 2)
        #expect(phase.answerToB.count == 2)
        #expect(Self.close(phase.answerToB.p50, 0))
        #expect(Self.close(phase.answerToB.max, 28))
        #expect(phase.answerToA.count == 1 && phase.aToB.count == 1)
        #expect(Self.close(phase.aToB.p50, 0))
        // Two answered over 0 … 12 ms
        #expect(Self.close(phase.throughput, 2 / 0.012))
    }

    @Test func aStreamIsCheckedAgainstItsOwnFrames() {
        // Given three messages each framed once on B; on A the first twice, the second never, and a stray frame
        let records = [
            1: Self.record(due: 1, answer: 0.01, frame: 0.02), 2: Self.record(due: 2, answer: 0.01, frame: 0.02),
            3: Self.record(due: 3, answer: 0.01, frame: 0.02),
        ]
        let framesOnA = [1: Self.frame(at: 1.02, frames: 2), 3: Self.frame(at: 3.02), 9: Self.frame(at: 4)]
        let stored = [1: 1, 2: 1, 3: 1]

        // When A's records are made from A's frames and both are checked
        let onA = TwoInstanceReport.framedOnA(records: records, framesOnA: framesOnA)
        let checkOnA = DeliveryCheck(records: onA, stored: stored, streamed: true)
        let checkOnB = DeliveryCheck(records: records, stored: stored, streamed: true)

        // Then B is clean, and A shows the missing and the doubled frame, keeping the sends' answers
        #expect(checkOnB.isClean)
        #expect(checkOnA.unseen == [2])
        #expect(checkOnA.shownTwice == [1])
        #expect(checkOnA.acknowledged == 3)
        #expect(onA[9]?.phase == -1 && onA[9]?.frames == 1)
        #expect(onA[2]?.answered == records[2]?.answered)
    }

    @Test func aLedgerSharingAClockCountsFromTheFirstLedgersOrigin() async throws {
        // Given a ledger, and a second one made 50 ms later on its clock
        let first = DeliveryLedger()
        try await Task.sleep(for: .milliseconds(50))
        let second = DeliveryLedger(sharingClockWith: first)

        // Then the second's time is already past 50 ms, as the first's
        #expect(second.now() >= 0.05)
        #expect(abs(second.now() - first.now()) < 0.01)
    }
}
