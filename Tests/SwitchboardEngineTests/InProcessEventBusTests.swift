import Foundation
import Logging
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

@Suite struct InProcessEventBusTests {
    /// A store, a bus over its log, and a router that commits to the store and publishes on the bus.
    func routedBus() async throws -> (StoreFixture, InProcessEventBus, InboundRouter) {
        let fixture = try await StoreFixture()
        let bus = InProcessEventBus(log: fixture.store)
        return (fixture, bus, InboundRouter(store: fixture.store, bus: bus, logger: Logger(label: "test")))
    }

    func ingest(_ count: Int, into fixture: StoreFixture, router: InboundRouter) async throws {
        for index in 0..<count {
            try await router.ingest(InboundEvents.text("m\(index)", channel: fixture.channel.id, from: "u-\(index % 7)"))
        }
    }

    func take(_ count: Int, from subscription: EventSubscription) async throws -> [Event] {
        var events: [Event] = []
        var iterator = subscription.makeAsyncIterator()
        while events.count < count, let event = try await iterator.next() {
            events.append(event)
        }
        return events
    }

    @Test func liveSubscriberReceivesCommittedEventsInOrder() async throws {
        let (fixture, bus, router) = try await routedBus()
        defer { fixture.directory.remove() }
        let subscription = try await bus.subscribe(after: nil)

        try await ingest(3, into: fixture, router: router)

        // Three new clients: contact, conversation and message events each
        let events = try await take(9, from: subscription)
        #expect(events.map(\.seq) == Array(1...9))
        #expect(events == (try await fixture.store.events(after: 0, limit: 100)))
    }

    /// A batch is everything waiting: nothing skipped, nothing twice, and one event alone when only one came.
    @Test func aBatchHandsOverEveryWaitingEventOnceInOrder() async throws {
        let (fixture, bus, router) = try await routedBus()
        defer { fixture.directory.remove() }
        let subscription = try await bus.subscribe(after: nil)

        try await ingest(3, into: fixture, router: router)
        let burst = try await subscription.nextBatch()
        #expect(burst.map(\.seq) == Array(1...9))

        // A batch asked for before anything is waiting returns when the next event comes (the same
        // client again: one message event).
        async let waiting = subscription.nextBatch()
        try await ingest(1, into: fixture, router: router)
        #expect(try await waiting.map(\.seq) == [10])
        await subscription.cancel()
        #expect(try await subscription.nextBatch().isEmpty)
    }

    @Test func reconnectingSubscriberReceivesExactlyWhatItMissed() async throws {
        // Given a subscriber that saw events up to seq 4, then went away while more were committed
        let (fixture, bus, router) = try await routedBus()
        defer { fixture.directory.remove() }
        let first = try await bus.subscribe(after: nil)
        try await ingest(2, into: fixture, router: router)
        let seen = try await take(4, from: first)
        await first.cancel()
        try await ingest(3, into: fixture, router: router)

        // When it reconnects with its last seq and more events keep coming
        let second = try await bus.subscribe(after: try #require(seen.last?.seq))
        try await ingest(1, into: fixture, router: router)

        // Then it gets every later event once, in order, and nothing before
        let all = try await fixture.store.events(after: 0, limit: 1000)
        let missed = try await take(all.count - 4, from: second)
        #expect(missed.map(\.seq) == Array(all.map(\.seq).dropFirst(4)))
        #expect(await bus.subscriberCount == 1)
    }

    @Test func slowSubscriberCatchesUpFromTheLogWithBoundedMemory() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let bus = InProcessEventBus(log: fixture.store, bufferLimit: 8, catchUpBatch: 5)
        let router = InboundRouter(store: fixture.store, bus: bus, logger: Logger(label: "test"))
        let subscription = try await bus.subscribe(after: nil)

        try await ingest(60, into: fixture, router: router)
        #expect(await bus.bufferedEventCount <= 8)

        let all = try await fixture.store.events(after: 0, limit: 1000)
        let received = try await take(all.count, from: subscription)
        #expect(received == all)
    }

    @Test func gapInPublishedSequenceIsFilledFromTheLog() async throws {
        // Given two commits whose publishes arrive out of order
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let bus = InProcessEventBus(log: fixture.store)
        let subscription = try await bus.subscribe(after: nil)
        guard case .new(let first) = try await fixture.store.ingest(InboundEvents.text("a", channel: fixture.channel.id)),
            case .new(let second) = try await fixture.store.ingest(InboundEvents.text("b", channel: fixture.channel.id))
        else {
            Issue.record("expected new")
            return
        }

        // When the later one is published first
        await bus.publish(second.events)
        await bus.publish(first.events)

        // Then the subscriber still sees every event once, in seq order
        let received = try await take(first.events.count + second.events.count, from: subscription)
        #expect(received == first.events + second.events)
    }

    @Test func seqFromTheFutureIsClampedSoNothingIsHidden() async throws {
        let (fixture, bus, router) = try await routedBus()
        defer { fixture.directory.remove() }
        let subscription = try await bus.subscribe(after: 10_000)

        try await ingest(1, into: fixture, router: router)

        #expect(try await take(3, from: subscription).map(\.seq) == [1, 2, 3])
    }

    @Test func cancellingTheConsumerEndsIteration() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let bus = InProcessEventBus(log: fixture.store)
        let subscription = try await bus.subscribe(after: nil)
        let consumer = Task { try await take(1, from: subscription) }
        consumer.cancel()
        await #expect(throws: CancellationError.self) { try await consumer.value }
    }
}
