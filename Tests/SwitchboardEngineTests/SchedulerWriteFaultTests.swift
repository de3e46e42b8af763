import Foundation
import Logging
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

@Suite struct SchedulerWriteFaultTests {
    @Test(.timeLimit(.minutes(3))) func schedulerBacksOffWhileTheDatabaseCannotWrite() async throws {
        // Given a timer due now in a database that still reads but refuses every write
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let clock = ManualWallClock()
        let logs = LogCapture()
        guard case .new(let opened) = try await fixture.store.ingest(InboundEvents.text("hi", channel: fixture.channel.id)),
            let conversation = opened.conversationID
        else { throw StoreError.invalid("no conversation") }
        try await fixture.store.scheduleTimer(ScheduledTimer(key: "close-1", kind: .autoClose, conversationID: conversation, dueAt: clock.now()))
        try DatabaseInspector(path: fixture.path).failAllWrites()
        let automation = AutomationService(
            store: fixture.store,
            bus: InProcessEventBus(log: fixture.store),
            clock: clock,
            logger: logs.logger(),
            dispatcher: nil
        )
        let running = Task { try await automation.scheduler.run() }
        defer { running.cancel() }

        // When a simulated minute passes
        try await advance(clock, seconds: 60)

        // Then the scheduler tried at 0, 1, 3, 7, 15 and 31 s, with one backoff line each
        let lines = logs.text.split(separator: "\n").filter { $0.contains("timer round failed; backing off") }
        #expect(lines.count == 6)
    }
}
