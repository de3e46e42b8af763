import Foundation
import Logging
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

@Suite struct DeliveryRecordingRetryTests {
    @Test func aFailedRecordingWaitsOnTheClockBeforeItsRetry() async throws {
        // Given a store that fails the first delivery write, and a dispatcher that waits 5 s before writing again
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let clock = ManualWallClock()
        let adapter = ScriptedAdapter()
        let store = UnrecordableDeliveryStore(wrapping: fixture.store) { _, earlier in earlier == 0 }
        var configuration = OutboxDispatcher.Configuration()
        configuration.recordingPolicy = .init(attempts: 3, baseDelay: 5)
        let dispatcher = OutboxDispatcher(
            store: store,
            adapters: adapter,
            bus: InProcessEventBus(log: fixture.store),
            clock: clock,
            configuration: configuration,
            logger: Logger(label: "test")
        )
        guard case .new(let result) = try await fixture.store.ingest(InboundEvents.text("hi", channel: fixture.channel.id)),
            let conversation = result.conversationID
        else { throw StoreError.invalid("no conversation") }
        let draft = ReplyDraft(conversationID: conversation, operatorID: fixture.agent.id, text: "Hello")
        let reply = try await fixture.store.enqueueReply(draft, at: clock.now()).message.id

        // When the round sends it, the write fails and the dispatcher sleeps
        let round = Task { try await dispatcher.dispatchDue() }
        // (the other sleeper is the round's lease keeper, which wakes only after a third of the lease)
        try await eventually { clock.sleeperCount == 2 && store.recordAttempts.count == 1 }
        #expect(store.recordAttempts.count == 1)
        clock.advance(by: 5)
        _ = try await round.value

        // Then the second write recorded it as sent, and it was sent once
        #expect(store.recordAttempts.count == 2)
        #expect(adapter.sent.count == 1)
        #expect(try await fixture.store.messages(in: conversation).first { $0.id == reply }?.deliveryState == .sent)
    }
}
