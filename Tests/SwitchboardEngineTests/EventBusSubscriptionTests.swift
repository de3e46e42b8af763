import Foundation
import SwitchboardCore
import SwitchboardEngine
import Testing

/// The `EventBus` port's promise, checked on the in-process bus over an event log in memory:
/// backlog then live, every event after the starting point once, in order.
@Suite struct EventBusSubscriptionTests {
    /// An event log in memory that commits (appends) before it publishes, as a store does.
    actor MemoryEventLog: EventLog {
        private var committed: [Event] = []

        func events(after seq: Int64, limit: Int) -> [Event] {
            Array(committed.filter { $0.seq > seq }.prefix(limit))
        }

        func latestSeq() -> Int64 { committed.last?.seq ?? 0 }

        /// Appends `count` events and returns them, as one committed transaction.
        func commit(_ count: Int) -> [Event] {
            let first = (committed.last?.seq ?? 0) + 1
            let new = (first..<first + Int64(count)).map { Event(seq: $0, kind: .messageCreated, occurredAt: Date(timeIntervalSince1970: 0)) }
            committed += new
            return new
        }
    }

    func take(_ count: Int, from subscription: EventSubscription) async throws -> [Int64] {
        var seqs: [Int64] = []
        for try await event in subscription {
            seqs.append(event.seq)
            if seqs.count == count { break }
        }
        return seqs
    }

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
        #expect(try await take(5, from: subscription) == [3, 4, 5, 6, 7])

        // And once live, a repeated publish is dropped and the next commit arrives
        await bus.publish(try await log.events(after: 6, limit: 1))
        await bus.publish(await log.commit(1))
        #expect(try await take(1, from: subscription) == [8])
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
        #expect(try await take(Int(300 - start), from: subscription) == Array(start + 1...300))
        await subscription.cancel()
    }

    @Test func subscriberFromNowOnSkipsTheBacklog() async throws {
        let log = MemoryEventLog()
        let bus: any EventBus = InProcessEventBus(log: log)
        await bus.publish(await log.commit(3))

        let subscription = try await bus.subscribe(after: nil)
        await bus.publish(await log.commit(2))

        #expect(try await take(2, from: subscription) == [4, 5])
        await subscription.cancel()
    }

    @Test func cancelledSubscriptionEndsIteration() async throws {
        let bus: any EventBus = InProcessEventBus(log: MemoryEventLog())
        let subscription = try await bus.subscribe(after: nil)
        let consumer = Task { try await take(1, from: subscription) }
        await subscription.cancel()
        #expect(try await consumer.value == [])
    }
}
