import Testing

@testable import SwitchboardBench

@Suite struct PhaseSummaryTests {
    @Test func figuresComeFromTheAcknowledgedMessagesOfThePhase() {
        // Given two acknowledged messages over one second, one refused, 2 ms of server CPU, idle at 3 s
        var first = DeliveryLedger.Record(phase: 1, due: 0.0, answered: 0.1, status: 200)
        first.firstFrame = 0.3
        first.frames = 1
        var second = DeliveryLedger.Record(phase: 1, due: 0.5, answered: 1.0, status: 200)
        second.firstFrame = 1.1
        second.frames = 1
        let refused = DeliveryLedger.Record(phase: 1, due: 0.6, answered: 5.0, status: 500)

        // When the phase is summarized
        let phase = PhaseRunner.summarize(
            records: [first, second, refused],
            name: "500 msg/s",
            rate: 500,
            streamed: true,
            cpuSeconds: 0.002,
            idleAt: 3.0,
            started: 0
        )

        // Then only the acknowledged count, latencies run from when each was due, CPU is per message
        #expect(phase.sent == 3)
        #expect(phase.acknowledged == 2)
        #expect(abs(phase.throughput - 2) < 1e-9)
        #expect(abs(phase.acknowledgement.max - 500) < 1e-6)
        #expect(abs(phase.acknowledgement.p50 - 100) < 1e-6)
        #expect(abs((phase.frame?.max ?? 0) - 600) < 1e-6)
        #expect(abs(phase.cpuPerMessage - 1000) < 1e-6)
        // The idle check needs a quiet second after the work ends.
        #expect(abs((phase.drainSeconds ?? -1) - 1.0) < 1e-9)
    }

    @Test func aServerStillBusyAtTheTimeoutHasNoDrainTime() {
        let record = DeliveryLedger.Record(phase: 0, due: 0, answered: 1, status: 200)
        let phase = PhaseRunner.summarize(records: [record], name: "x", rate: nil, streamed: false, cpuSeconds: 1, idleAt: nil, started: 0)
        #expect(phase.drainSeconds == nil)
        #expect(phase.frame == nil)
    }
}
