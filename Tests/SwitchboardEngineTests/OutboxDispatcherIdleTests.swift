import Foundation
import Logging
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

@Suite struct OutboxDispatcherIdleTests {
    @Test(.timeLimit(.minutes(3))) func replyWaitingBehindARetryDoesNotKeepTheDispatcherAwake() async throws {
        // Given a conversation whose first reply failed and waits for its retry, and whose second reply is due now
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let clock = ManualWallClock()
        guard case .new(let opened) = try await fixture.store.ingest(InboundEvents.text("hi", channel: fixture.channel.id)),
            let conversation = opened.conversationID
        else { throw StoreError.invalid("no conversation") }
        let adapter = ScriptedAdapter(script: [.failure(.transient(reason: "502"))])
        var configuration = OutboxDispatcher.Configuration()
        configuration.retryPolicy = RetryPolicy(baseDelay: 30, maxDelay: 30, maxAttempts: 5)
        let dispatcher = OutboxDispatcher(
            store: fixture.store,
            adapters: adapter,
            bus: InProcessEventBus(log: fixture.store),
            clock: clock,
            configuration: configuration,
            logger: Logger(label: "test"),
            jitter: { 1 }
        )
        for text in ["first", "second"] {
            _ = try await fixture.store.enqueueReply(
                ReplyDraft(conversationID: conversation, operatorID: fixture.agent.id, text: text),
                at: clock.now()
            )
        }
        #expect(try await dispatcher.dispatchDue() == 1)

        // When the dispatcher runs
        let running = Task { try await dispatcher.run() }
        defer { running.cancel() }

        // Then it sleeps until the first reply's retry instead of looking again and again at the second
        try await eventually("the dispatcher sleeps") { clock.sleeperCount == 1 }
        #expect(adapter.sent.count == 1)
        clock.advance(by: 30)
        try await eventually("both replies are sent, in order") { adapter.sent.map(\.text) == ["first", "first", "second"] }
    }
}
