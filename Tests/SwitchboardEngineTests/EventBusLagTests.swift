import Foundation
import SwitchboardCore
import SwitchboardEngine
import Testing

/// Publishing never waits for subscribers: a stalled one holds nothing up, and when it asks again it
/// is either ended (a browser, which resumes by seq) or catches up from the log (a service).
@Suite struct EventBusLagTests {
    @Test func aStalledSubscriberHoldsUpNeitherThePublisherNorTheOthersAndIsEndedAtItsBound() async throws {
        // Given a browser-like subscriber that takes two events and then stops reading, and a reader that keeps up
        let log = MemoryEventLog()
        let bus = InProcessEventBus(log: log, bufferLimit: 64)
        let stalled = try await bus.subscribe(after: nil, whenBehind: .end(beyond: 10))
        let reader = try await bus.subscribe(after: nil)
        bus.publish(await log.commit(2))
        #expect(try await takeSeqs(2, from: stalled) == [1, 2])

        // When far more is published than either bound, one event at a time
        for _ in 0..<500 { bus.publish(await log.commit(1)) }

        // Then the memory held stays within the ring, and the reader still gets every event
        #expect(bus.bufferedEventCount <= 64)
        #expect(try await takeSeqs(502, from: reader) == Array(1...502))

        // And the stalled subscriber, asking again, learns it was ended after the last seq it took
        await #expect(throws: EventSubscriptionOverflow(lastDelivered: 2)) { try await takeSeqs(1, from: stalled) }
        #expect(bus.subscriberCount == 1)
    }

    @Test func aBoundedSubscriberWaitingForEventsIsEndedByABurstBeyondItsBound() async throws {
        let log = MemoryEventLog()
        let bus = InProcessEventBus(log: log)
        let subscription = try await bus.subscribe(after: nil, whenBehind: .end(beyond: 10))
        let waiting = Task { try await takeSeqs(1, from: subscription) }

        // One publish carrying more than the bound at once
        bus.publish(await log.commit(11))

        await #expect(throws: EventSubscriptionOverflow(lastDelivered: 0)) { try await waiting.value }
    }

    @Test func aBoundedSubscriberIsNotEndedWhileItReplaysFromTheLog() async throws {
        // Given a log far longer than the subscriber's bound
        let log = MemoryEventLog()
        let bus = InProcessEventBus(log: log, catchUpBatch: 16)
        bus.publish(await log.commit(100))

        // When it asks for everything after 0: that is a replay, not a lag
        let subscription = try await bus.subscribe(after: 0, whenBehind: .end(beyond: 10))
        bus.publish(await log.commit(5))

        // Then it receives all of it in order
        #expect(try await takeSeqs(105, from: subscription) == Array(1...105))
        await subscription.cancel()
    }

    @Test func aServiceThatFallsBehindTheRingCatchesUpFromTheLogAndLosesNothing() async throws {
        let log = MemoryEventLog()
        let bus = InProcessEventBus(log: log, bufferLimit: 16, catchUpBatch: 32)
        let subscription = try await bus.subscribe(after: nil)

        for _ in 0..<200 { bus.publish(await log.commit(1)) }

        #expect(try await takeSeqs(200, from: subscription) == Array(1...200))
        // The log was read in batches, not once per event.
        #expect(await log.reads <= 200 / 32 + 1)
        await subscription.cancel()
    }

    @Test func onePublishWakesEverySleepingSubscriber() async throws {
        // Given many subscribers all waiting for the next event
        let log = MemoryEventLog()
        let bus = InProcessEventBus(log: log)
        var subscriptions: [EventSubscription] = []
        for _ in 0..<40 { subscriptions.append(try await bus.subscribe(after: nil)) }
        let received = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for subscription in subscriptions {
                group.addTask { try await takeSeqs(3, from: subscription) }
            }

            // When events are published (the publisher resumes one sleeper; it wakes the rest)
            bus.publish(await log.commit(1))
            bus.publish(await log.commit(2))

            // Then every one of them receives them
            var all: [[Int64]] = []
            for try await seqs in group { all.append(seqs) }
            return all
        }
        #expect(received.count == 40)
        #expect(received.allSatisfy { $0 == [1, 2, 3] })
    }

    @Test func batchesHandOutWhatIsWaitingAtOnceInOrder() async throws {
        let log = MemoryEventLog()
        let bus = InProcessEventBus(log: log)
        let subscription = try await bus.subscribe(after: nil)
        bus.publish(await log.commit(10))

        var iterator = subscription.batches(max: 4).makeAsyncIterator()
        var sizes: [Int] = []
        var seqs: [Int64] = []
        while seqs.count < 10, let batch = try await iterator.next() {
            sizes.append(batch.count)
            seqs += batch.map(\.seq)
        }

        #expect(sizes == [4, 4, 2])
        #expect(seqs == Array(1...10))
        await subscription.cancel()
    }
}
