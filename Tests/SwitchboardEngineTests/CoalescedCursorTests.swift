import Logging
import TestSupport
import Testing

@testable import SwitchboardEngine

/// The automation's cursor reaches the database once per gathering interval, not once per event.
@Suite struct CoalescedCursorTests {
    actor Saves {
        private(set) var seqs: [Int64] = []

        func add(_ seq: Int64) { seqs.append(seq) }
    }

    @Test func aThousandMovesWithinTheIntervalAreOneWriteOfTheLatestPosition() async throws {
        let saves = Saves()
        let cursor = CoalescedCursor(saved: 0, interval: .seconds(3600), logger: Logger(label: "test")) { await saves.add($0) }
        let running = Task { await cursor.run() }

        for seq in 1...1_000 { await cursor.advance(to: Int64(seq)) }
        #expect(await saves.seqs.isEmpty)

        // Finishing (the service stops) writes the latest position at once
        await cursor.finish()
        await running.value
        #expect(await saves.seqs == [1_000])
    }

    @Test func aMoveIsWrittenAMomentLaterAndNeverGoesBack() async throws {
        let saves = Saves()
        let cursor = CoalescedCursor(saved: 10, interval: .milliseconds(10), logger: Logger(label: "test")) { await saves.add($0) }
        let running = Task { await cursor.run() }

        await cursor.advance(to: 15)
        try await eventually("the move written") { await saves.seqs == [15] }
        await cursor.advance(to: 12)
        await cursor.finish()
        await running.value

        #expect(await saves.seqs == [15])
        #expect(cursor.handled == 15)
    }
}
