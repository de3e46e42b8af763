import Foundation
import Logging
import SwitchboardApp
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

@Suite struct OutboxDispatcherTests {
    struct Harness {
        let fixture: StoreFixture
        let clock = ManualWallClock()
        let adapter: ScriptedAdapter
        let bus: InProcessEventBus
        let dispatcher: OutboxDispatcher
        let conversation: ConversationID

        init(
            script: [Result<DeliveryReceipt, DeliveryFailure>] = [],
            policy: RetryPolicy = RetryPolicy(baseDelay: 10, maxDelay: 600, maxAttempts: 3)
        )
            async throws
        {
            fixture = try await StoreFixture()
            adapter = ScriptedAdapter(script: script)
            bus = InProcessEventBus(log: fixture.store)
            var configuration = OutboxDispatcher.Configuration()
            configuration.retryPolicy = policy
            dispatcher = OutboxDispatcher(
                store: fixture.store,
                adapters: adapter,
                bus: bus,
                clock: clock,
                configuration: configuration,
                logger: Logger(label: "test"),
                jitter: { 1 }
            )
            guard case .new(let result) = try await fixture.store.ingest(InboundEvents.text("hi", channel: fixture.channel.id)),
                let id = result.conversationID
            else { throw StoreError.invalid("no conversation") }
            conversation = id
        }

        func reply(_ text: String) async throws -> MessageID {
            let draft = ReplyDraft(conversationID: conversation, operatorID: fixture.agent.id, text: text)
            return try await fixture.store.enqueueReply(draft, at: clock.now()).message.id
        }

        func state(of id: MessageID) async throws -> (DeliveryState?, String?) {
            let message = try await fixture.store.messages(in: conversation).first { $0.id == id }
            return (message?.deliveryState, message?.failureReason)
        }
    }

    @Test func transientFailureIsRetriedWithExponentialBackoff() async throws {
        let harness = try await Harness(script: [.failure(.transient(reason: "502")), .failure(.transient(reason: "timeout"))])
        defer { harness.fixture.directory.remove() }
        let id = try await harness.reply("Hello")

        #expect(try await harness.dispatcher.dispatchDue() == 1)
        harness.clock.advance(by: 9.9)
        #expect(try await harness.dispatcher.dispatchDue() == 0)
        harness.clock.advance(by: 0.1)
        #expect(try await harness.dispatcher.dispatchDue() == 1)
        harness.clock.advance(by: 19.9)
        #expect(try await harness.dispatcher.dispatchDue() == 0)
        harness.clock.advance(by: 0.1)
        #expect(try await harness.dispatcher.dispatchDue() == 1)

        #expect(harness.adapter.sent.count == 3)
        #expect(try await harness.state(of: id).0 == .sent)
    }

    @Test func retryAfterDelaysExactlyThatLong() async throws {
        let harness = try await Harness(script: [.failure(.retryAfter(seconds: 37, reason: "Too Many Requests"))])
        defer { harness.fixture.directory.remove() }
        _ = try await harness.reply("Hello")

        try await harness.dispatcher.dispatchDue()
        #expect(try await harness.fixture.store.nextOutboxDue() == harness.clock.now().addingTimeInterval(37))
        harness.clock.advance(by: 36.999)
        #expect(try await harness.dispatcher.dispatchDue() == 0)
        harness.clock.advance(by: 0.001)
        #expect(try await harness.dispatcher.dispatchDue() == 1)
        #expect(harness.adapter.sent.count == 2)
    }

    @Test func terminalFailureIsStoredWithItsReason() async throws {
        let blocked = DeliveryFailure.permanent(reason: "Forbidden: bot was blocked by the user", recipientUnreachable: true)
        let harness = try await Harness(script: [.failure(blocked)])
        defer { harness.fixture.directory.remove() }
        let id = try await harness.reply("Hello")

        try await harness.dispatcher.dispatchDue()
        harness.clock.advance(by: 10_000)

        #expect(try await harness.dispatcher.dispatchDue() == 0)
        let (state, reason) = try await harness.state(of: id)
        #expect(state == .failed)
        #expect(reason == "Forbidden: bot was blocked by the user")
        let contact = try #require(try await harness.fixture.store.conversation(harness.conversation)?.contactID)
        #expect(try await harness.fixture.store.identities(of: contact).map(\.isReachable) == [false])
    }

    @Test func transientFailuresBecomeTerminalAfterMaxAttempts() async throws {
        let harness = try await Harness(script: Array(repeating: .failure(.transient(reason: "502 Bad Gateway")), count: 3))
        defer { harness.fixture.directory.remove() }
        let id = try await harness.reply("Hello")

        for _ in 0..<3 {
            try await harness.dispatcher.dispatchDue()
            harness.clock.advance(by: 1000)
        }

        #expect(harness.adapter.sent.count == 3)
        #expect(try await harness.state(of: id) == (.failed, "gave up after 3 attempts: 502 Bad Gateway"))
    }

    @Test func replyIsNeverSentTwiceOnceSentIsRecorded() async throws {
        let harness = try await Harness()
        defer { harness.fixture.directory.remove() }
        let id = try await harness.reply("Hello")

        #expect(try await harness.dispatcher.dispatchDue() == 1)
        harness.clock.advance(by: 3600)
        #expect(try await harness.dispatcher.dispatchDue() == 0)

        #expect(harness.adapter.sent.map(\.messageID) == [id])
        #expect(try await harness.state(of: id).0 == .sent)
    }

    @Test func enqueuedReplySurvivesReopeningTheDatabaseAndIsDeliveredOnce() async throws {
        // Given a reply committed while no dispatcher ran, and the process went away
        let harness = try await Harness()
        defer { harness.fixture.directory.remove() }
        let id = try await harness.reply("Survive me")
        try harness.fixture.store.close()

        // When a new process opens the same file and its dispatcher runs
        let reopened = try StoreFixture(reopening: harness.fixture).store
        let adapter = ScriptedAdapter()
        let dispatcher = OutboxDispatcher(
            store: reopened,
            adapters: adapter,
            bus: InProcessEventBus(log: reopened),
            clock: harness.clock,
            logger: Logger(label: "test")
        )
        try await dispatcher.dispatchDue()
        try await dispatcher.dispatchDue()

        // Then it was sent exactly once, with the operator as sender
        #expect(adapter.sent.map(\.messageID) == [id])
        #expect(adapter.sent.first?.text == "Survive me")
        #expect(adapter.sent.first?.sender.name == "Maria")
        #expect(try await reopened.messages(in: harness.conversation).last?.deliveryState == .sent)
    }

    @Test func deliveryEventsArePublishedToTheBus() async throws {
        let harness = try await Harness()
        defer { harness.fixture.directory.remove() }
        let subscription = try await harness.bus.subscribe(after: nil)
        let id = try await harness.reply("Hello")

        try await harness.dispatcher.dispatchDue()

        var iterator = subscription.makeAsyncIterator()
        #expect(try await iterator.next()?.kind == .messageCreated)
        let event = try #require(try await iterator.next())
        #expect(event.kind == .messageDelivery)
        #expect(event.messageID == id)
        #expect(event.payload.contains(#""state":"sent""#))
    }
}
