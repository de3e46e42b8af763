import Foundation
import Logging
import SQLiteStore
import ServiceLifecycle
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

/// The running automation handles the events the bus hands it; the log is read only to catch up
/// (on start, after a restart, when it fell behind), and its cursor is saved in batches.
@Suite(.timeLimit(.minutes(3))) struct AutomationFollowsTheBusTests {
    /// The store's event log as the bus sees it, counting the reads.
    actor CountingLog: EventLog {
        let store: SQLiteStore
        private(set) var reads = 0

        init(_ store: SQLiteStore) {
            self.store = store
        }

        /// Counted once the read returned, so a test that saw the count knows what the read saw.
        func events(after seq: Int64, limit: Int) async throws -> [Event] {
            let events = try await store.events(after: seq, limit: limit)
            reads += 1
            return events
        }

        func latestSeq() async throws -> Int64 {
            try await store.latestSeq()
        }
    }

    /// An automation service running in a service group, over its own bus.
    struct Running {
        let bus: InProcessEventBus
        let log: CountingLog
        let router: InboundRouter
        let group: ServiceGroup
        let task: Task<Void, any Error>

        init(_ fixture: StoreFixture, cursorInterval: Duration = .milliseconds(20)) async throws {
            log = CountingLog(fixture.store)
            bus = InProcessEventBus(log: log)
            router = InboundRouter(store: fixture.store, bus: bus, logger: Logger(label: "test"))
            let automation = AutomationService(
                store: fixture.store,
                bus: bus,
                clock: ManualWallClock(),
                logger: Logger(label: "test"),
                dispatcher: nil,
                cursorInterval: cursorInterval
            )
            let group = ServiceGroup(configuration: .init(services: [automation], logger: Logger(label: "test")))
            self.group = group
            task = Task { try await group.run() }
            // Subscribed after its saved cursor; the log is read only when it holds events after it.
            try await eventually("automation subscribed") { [bus] in bus.subscriberCount == 1 }
        }

        func stop() async throws {
            await group.triggerGracefulShutdown()
            try await task.value
        }
    }

    func botTexts(_ conversation: ConversationID, in fixture: StoreFixture) async throws -> [String] {
        try await fixture.store.messages(in: conversation).filter { $0.author == .bot }.map(\.text)
    }

    func clientWrites(_ user: String, to fixture: StoreFixture, through router: InboundRouter? = nil) async throws -> ConversationID {
        let event = InboundEvents.text("hi", channel: fixture.channel.id, from: user)
        let outcome = if let router { try await router.ingest(event) } else { try await fixture.store.ingest(event) }
        guard case .new(let result) = outcome, let conversation = result.conversationID else { throw StoreError.invalid("not ingested") }
        return conversation
    }

    @Test func reactsToTheEventItIsHandedWithoutReadingTheLogOrWritingItsCursorPerEvent() async throws {
        // Given a conversation whose events the automation has already handled, and the automation running
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        guard case .new(let result) = try await fixture.store.ingest(InboundEvents.text("hi", channel: fixture.channel.id)),
            let conversation = result.conversationID, let opened = result.events.first(where: { $0.kind == .conversationOpened })
        else { throw StoreError.invalid("not ingested") }
        let handled = try await fixture.store.latestSeq()
        try await fixture.store.saveAutomationCursor(handled)
        let running = try await Running(fixture, cursorInterval: .seconds(3600))
        let readsAtStart = await running.log.reads

        // And the log's next seq holds an event that asks for nothing
        let inspector = try DatabaseInspector(path: fixture.path)
        try inspector.execute("INSERT INTO events (kind, occurred_at, payload) VALUES ('contact.updated', 0, '{}')")
        try inspector.close()

        // When the bus hands the automation a different event at that seq: the conversation opening again
        running.bus.publish([
            Event(seq: handled + 1, kind: opened.kind, occurredAt: opened.occurredAt, conversationID: conversation, payload: opened.payload)
        ])

        // Then it reacts to what it was handed (a re-read of the log would have found nothing to do)
        try await eventually("the welcome") { try await botTexts(conversation, in: fixture).count == 1 }
        #expect(await running.log.reads == readsAtStart)
        // And its cursor is not written per event; it is written when the service stops
        #expect(try await fixture.store.automationCursor() == handled)
        try await running.stop()
        #expect(try await fixture.store.automationCursor() >= handled + 1)
    }

    @Test func afterARestartItCatchesUpFromItsSavedCursorAndHandlesNothingTwice() async throws {
        // Given two conversations welcomed while the automation ran, and its cursor saved on stop
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let first = try await Running(fixture)
        let a = try await clientWrites("u-1", to: fixture, through: first.router)
        let afterA = try await fixture.store.latestSeq()
        let b = try await clientWrites("u-2", to: fixture, through: first.router)
        try await eventually("both welcomed") {
            let welcomed = [try await botTexts(a, in: fixture).count, try await botTexts(b, in: fixture).count]
            return welcomed == [1, 1]
        }
        // (the welcomes' own events reach the automation through the bus a moment after they are stored)
        try await eventually("the cursor saved up to the log's end") {
            try await fixture.store.automationCursor() == fixture.store.latestSeq()
        }
        try await first.stop()
        #expect(try await fixture.store.automationCursor() == fixture.store.latestSeq())

        // When two more clients write while it is stopped, and a crash had lost the cursor's last save
        let c = try await clientWrites("u-3", to: fixture)
        let d = try await clientWrites("u-4", to: fixture)
        try await fixture.store.saveAutomationCursor(afterA)
        let second = try await Running(fixture)

        // Then the restarted automation reads what it missed from the log and welcomes them
        try await eventually("the new clients welcomed") {
            let welcomed = [try await botTexts(c, in: fixture).count, try await botTexts(d, in: fixture).count]
            return welcomed == [1, 1]
        }
        #expect(await second.log.reads >= 1)
        // And the events handled again (b's) send nothing twice
        #expect(try await botTexts(a, in: fixture).count == 1)
        #expect(try await botTexts(b, in: fixture).count == 1)
        try await eventually("the cursor saved up to the log's end") {
            try await fixture.store.automationCursor() == fixture.store.latestSeq()
        }
        try await second.stop()
        #expect(try await fixture.store.automationCursor() == fixture.store.latestSeq())
    }

    @Test func drainsABurstOfHundredsOfEventsWithAFewLogReadsNotOnePerWake() async throws {
        // Given the automation running
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let running = try await Running(fixture)
        let readsAtStart = await running.log.reads

        // When a burst of messages is committed and published faster than it may keep up with
        let base = Date(timeIntervalSince1970: 1_800_000_000)
        for index in 0..<600 {
            // Ten users a minute apart each: no one is muted for flooding.
            let at = base.addingTimeInterval(Double(index) * 6)
            _ = try await running.router.ingest(InboundEvents.text("m\(index)", channel: fixture.channel.id, from: "u-\(index % 10)", at: at))
        }

        // Then it handles every event
        try await eventually("the burst handled") {
            let cursor = try await fixture.store.automationCursor()
            return try await cursor == fixture.store.latestSeq()
        }
        let events = try await fixture.store.latestSeq()
        #expect(events >= 600)
        // And reads the log only in catch-up batches when it fell behind, never once per wake
        let reads = await running.log.reads - readsAtStart
        #expect(Int64(reads) * 32 < events)
        try await running.stop()
    }
}
