import Foundation
import Logging
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

@Suite struct OutboxDispatcherWriteFaultTests {
    @Test(.timeLimit(.minutes(3))) func dispatcherBacksOffWhileTheDatabaseCannotWriteThenSendsOnceItCan() async throws {
        // Given a reply due now in a database that still reads but refuses every write (a full disk)
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let clock = ManualWallClock()
        let logs = LogCapture()
        guard case .new(let opened) = try await fixture.store.ingest(InboundEvents.text("hi", channel: fixture.channel.id)),
            let conversation = opened.conversationID
        else { throw StoreError.invalid("no conversation") }
        let draft = ReplyDraft(conversationID: conversation, operatorID: fixture.agent.id, text: "On it")
        let reply = try await fixture.store.enqueueReply(draft, at: clock.now()).message.id
        let inspector = try DatabaseInspector(path: fixture.path)
        try inspector.failAllWrites()
        let adapter = ScriptedAdapter()
        let dispatcher = OutboxDispatcher(
            store: fixture.store,
            adapters: adapter,
            bus: InProcessEventBus(log: fixture.store),
            clock: clock,
            logger: logs.logger(),
            jitter: { 1 }
        )
        let running = Task { try await dispatcher.run() }
        defer { running.cancel() }

        // When a simulated minute passes
        try await advance(clock, seconds: 60)

        // Then the dispatcher tried at 0, 1, 3, 7, 15 and 31 s, one log line each, and sent nothing
        let lines = logs.text.split(separator: "\n").filter { $0.contains("outbox round failed") }
        #expect(lines.count == 6)
        #expect(lines.allSatisfy { $0.contains("backing off") && $0.contains("disk is full") })
        #expect(adapter.sent.isEmpty)

        // And once the database can write again, the reply goes out at the end of the current wait
        try inspector.restoreWrites()
        try await advance(clock, seconds: 3)
        try await eventually("the reply is sent") { adapter.sent.map(\.messageID) == [reply] }
    }
}
