import Foundation
import SwitchboardCore
import SwitchboardEngine
import Testing

/// The `EventBus` port's promise, checked on the in-process bus over an event log in memory:
/// backlog then live, every event after the starting point once, in order.
@Suite struct EventBusSubscriptionTests {
    @Test func subscriberAfterSeqGetsTheBacklogThenLiveEventsWithNoGapOrDuplicateAtTheSeam() async throws {
        // Given a log with events 1...5
        let log = MemoryEventLog()
        let bus: any EventBus = InProcessEventBus(log: log, catchUpBatch: 2)
        await bus.publish(await log.commit(5))

        // When a subscriber starts after 2, then 6 commits, 5 is published again late and 7 commits
        let subscription = try await bus.subscribe(after: 2)
        await bus.publish(await log.commit(1))
        await bus.publish(try await log.events(after: 4, limit: 1))
        await bus.publish(await log.commit(1))

        // Then it sees 3...7, each once, in order
        #expect(try await takeSeqs(5, from: subscription) == [3, 4, 5, 6, 7])

        // And once live, a repeated publish is dropped and the next commit arrives
        await bus.publish(try await log.events(after: 6, limit: 1))
        await bus.publish(await log.commit(1))
        #expect(try await takeSeqs(1, from: subscription) == [8])
        await subscription.cancel()
    }

    @Test func subscriberJoiningWhileEventsAreCommittedSeesEachLaterEventOnce() async throws {
        // Given a publisher committing one event at a time
        let log = MemoryEventLog()
        let bus: any EventBus = InProcessEventBus(log: log, bufferLimit: 4, catchUpBatch: 3)
        let publisher = Task {
            for _ in 0..<300 {
                await bus.publish(await log.commit(1))
                await Task.yield()
            }
        }

        // When a subscriber joins part-way, after whatever is committed then
        while await log.latestSeq() < 50 { await Task.yield() }
        let start = await log.latestSeq()
        let subscription = try await bus.subscribe(after: start)
        await publisher.value

        // Then it receives exactly start+1...300
        #expect(try await takeSeqs(Int(300 - start), from: subscription) == Array(start + 1...300))
        await subscription.cancel()
    }

    @Test func subscriberFromNowOnSkipsTheBacklog() async throws {
        let log = MemoryEventLog()
        let bus: any EventBus = InProcessEventBus(log: log)
        await bus.publish(await log.commit(3))

        let subscription = try await bus.subscribe(after: nil)
        await bus.publish(await log.commit(2))

        #expect(try await takeSeqs(2, from: subscription) == [4, 5])
        await subscription.cancel()
    }

    @Test func cancelledSubscriptionEndsIteration() async throws {
        let bus: any EventBus = InProcessEventBus(log: MemoryEventLog())
        let subscription = try await bus.subscribe(after: nil)
        let consumer = Task { try await takeSeqs(1, from: subscription) }
        await subscription.cancel()
        #expect(try await consumer.value == [])
    }
}
