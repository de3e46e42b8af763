import Foundation
import Logging
import SQLiteStore
import ServiceLifecycle
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

@Suite struct OutboxDispatcherServiceTests {
    @Test(.timeLimit(.minutes(3))) func runningDispatcherSendsAWokenReplyAtOnceAndStopsGracefully() async throws {
        // Given a dispatcher service that would otherwise sleep for an hour between rounds
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let adapter = ScriptedAdapter()
        let bus = InProcessEventBus(log: fixture.store)
        var configuration = OutboxDispatcher.Configuration()
        configuration.idlePoll = 3600
        let dispatcher = OutboxDispatcher(
            store: fixture.store,
            adapters: adapter,
            bus: bus,
            clock: SystemWallClock(),
            configuration: configuration,
            logger: Logger(label: "test")
        )
        let replies = ReplyService(store: fixture.store, bus: bus, clock: SystemWallClock(), dispatcher: dispatcher)
        guard case .new(let opened) = try await fixture.store.ingest(InboundEvents.text("hi", channel: fixture.channel.id)),
            let conversation = opened.conversationID
        else {
            Issue.record("expected a conversation")
            return
        }
        let group = ServiceGroup(configuration: .init(services: [dispatcher], logger: Logger(label: "test")))
        let running = Task { try await group.run() }
        let subscription = try await bus.subscribe(after: nil)

        // When an operator replies
        let message = try await replies.send(ReplyDraft(conversationID: conversation, operatorID: fixture.agent.id, text: "On it"))

        // Then it is delivered without waiting for the next poll
        for try await event in subscription where event.kind == .messageDelivery && event.messageID == message.id {
            break
        }
        #expect(adapter.sent.map(\.messageID) == [message.id])
        #expect(try await fixture.store.messages(in: conversation).last?.deliveryState == .sent)

        // And a graceful shutdown ends the service
        await group.triggerGracefulShutdown()
        try await running.value
    }
}
