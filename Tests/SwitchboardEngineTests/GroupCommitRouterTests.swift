import Foundation
import Logging
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

/// The router with group commit under load: nothing lost, nothing doubled, acknowledged after commit.
@Suite struct GroupCommitRouterTests {
    static let tasks = 40
    static let perTask = 25

    func event(_ task: Int, _ index: Int, _ fixture: StoreFixture) -> InboundEvent {
        let key = "t\(task)-\(index)"
        return InboundEvents.text("message \(key)", channel: fixture.channel.id, from: "client-\(task % 10)", delivery: key, messageID: key)
    }

    @Test func concurrentIngestsAreEachStoredOnceAndVisibleWhenTheyReturn() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let bus = InProcessEventBus(log: fixture.store)
        let router = InboundRouter(store: fixture.store, bus: bus, logger: Logger(label: "test"))
        let subscription = try await bus.subscribe(after: nil)
        let seqBefore = try await fixture.store.latestSeq()

        // When 40 tasks each ingest 25 messages as fast as the router answers
        let acknowledged = try await withThrowingTaskGroup(of: [MessageID].self) { group in
            for task in 0..<Self.tasks {
                group.addTask {
                    var mine: [MessageID] = []
                    for index in 0..<Self.perTask {
                        guard case .new(let result) = try await router.ingest(event(task, index, fixture)),
                            let messageID = result.messageID, let conversationID = result.conversationID
                        else { throw StoreError.invalid("t\(task)-\(index) was not new") }
                        // Acknowledged only after commit: another connection already sees the message.
                        let stored = try await fixture.store.messages(in: conversationID).map(\.id)
                        guard stored.contains(messageID) else { throw StoreError.notFound("t\(task)-\(index) not committed") }
                        mine.append(messageID)
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [MessageID]()) { $0 += $1 }
        }

        // Then each is stored once, and every committed event was published once, in commit order
        let total = Self.tasks * Self.perTask
        #expect(Set(acknowledged).count == total)
        #expect(try DatabaseInspector(path: fixture.path).count("messages") == total)
        let committed = try await fixture.store.events(after: seqBefore, limit: 100_000)
        var published: [Event] = []
        for try await event in subscription {
            published.append(event)
            if published.count == committed.count { break }
        }
        #expect(published == committed)
    }

    @Test func everyRedeliveryInAConcurrentFloodIsADuplicate() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let router = InboundRouter(store: fixture.store, bus: InProcessEventBus(log: fixture.store), logger: Logger(label: "test"))

        // Given every message delivered twice, by two tasks racing each other
        let outcomes = try await withThrowingTaskGroup(of: [IngestOutcome].self) { group in
            for task in 0..<Self.tasks {
                for _ in 0..<2 {
                    group.addTask {
                        var mine: [IngestOutcome] = []
                        for index in 0..<10 { mine.append(try await router.ingest(event(task, index, fixture))) }
                        return mine
                    }
                }
            }
            return try await group.reduce(into: [IngestOutcome]()) { $0 += $1 }
        }

        // Then one delivery of each is new and the other a duplicate
        #expect(outcomes.filter { $0 == .duplicate }.count == Self.tasks * 10)
        #expect(try DatabaseInspector(path: fixture.path).count("messages") == Self.tasks * 10)
    }
}
