import Foundation
import Logging
import SQLiteStore
import ServiceLifecycle
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

@Suite struct QueueTests {
    @Test func theQueueDrainsOldestFirstWhenAnOperatorComesOnline() async throws {
        // Given three clients waiting while everyone is offline
        let fixture = try await RoutingFixture()
        defer { fixture.directory.remove() }
        let anna = try await fixture.addOperator("anna", capacity: 2)
        let first = try await fixture.clientWrites("one", from: "u-1")
        let second = try await fixture.clientWrites("two", from: "u-2")
        let third = try await fixture.clientWrites("three", from: "u-3")
        #expect(try await fixture.routing.assignWaiting().isEmpty)
        #expect(try await fixture.store.queue().map(\.conversationID) == [first, second, third])

        // When anna (room for two) comes online
        try await fixture.routing.setPresence(anna, to: .online)

        // Then the two oldest are hers and the newest still waits, first in line
        #expect(try await fixture.assignee(first) == anna)
        #expect(try await fixture.assignee(second) == anna)
        #expect(try await fixture.assignee(third) == nil)
        #expect(try await fixture.store.queue().map(\.position) == [1])

        // And resolving one frees her for the next
        _ = try await fixture.store.transition(first, .resolve, at: fixture.clock.now())
        try await fixture.routing.assignWaiting()
        #expect(try await fixture.assignee(third) == anna)
    }

    @Test(arguments: [
        "operator", "Оператора позовите", "дайте оператору", "операторa", "хочу живого человека", "потрібна людина", "людини!",
        "humans please", "agents?",
    ])
    func anEscalationWordJumpsTheQueue(_ text: String) async throws {
        // Given two clients already waiting
        let fixture = try await RoutingFixture()
        defer { fixture.directory.remove() }
        let anna = try await fixture.addOperator("anna", capacity: 1)
        let early = try await fixture.clientWrites("hello", from: "u-1")
        try await fixture.clientWrites("cooperator question", from: "u-2")

        // When a third asks for a human
        let urgent = try await fixture.clientWrites(text, from: "u-3")

        // Then it is first in line and the first operator to come online gets it
        let queue = try await fixture.store.queue()
        #expect(queue.first?.conversationID == urgent)
        #expect(queue.first?.escalated == true)
        #expect(queue.dropFirst().allSatisfy { !$0.escalated })
        let escalations = try await fixture.store.events(after: 0, limit: 100).filter { $0.kind == .conversationEscalated }
        #expect(escalations.map(\.conversationID) == [urgent])
        try await fixture.routing.setPresence(anna, to: .online)
        #expect(try await fixture.assignee(urgent) == anna)
        #expect(try await fixture.assignee(early) == nil)
    }

    @Test func aWordInsideAnotherWordDoesNotEscalate() async throws {
        let fixture = try await RoutingFixture()
        defer { fixture.directory.remove() }
        let early = try await fixture.clientWrites("hello", from: "u-1")
        try await fixture.clientWrites("I am a cooperator, not an agenda item", from: "u-2")
        #expect(try await fixture.store.queue().first?.conversationID == early)
        #expect(try await fixture.store.queue().contains { $0.escalated } == false)
    }

    @Test func theQueueSurvivesARestart() async throws {
        // Given a queue with an escalated conversation behind an older one
        let fixture = try await RoutingFixture()
        defer { fixture.directory.remove() }
        let anna = try await fixture.addOperator("anna", capacity: 1)
        let older = try await fixture.clientWrites("hello", from: "u-1")
        let urgent = try await fixture.clientWrites("human please", from: "u-2")
        let before = try await fixture.store.queue()
        try fixture.store.close()

        // When the process restarts on the same file
        let (store, routing) = try fixture.reopened()
        defer { try? store.close() }

        // Then the queue is the same, and the first operator online gets the escalated one first
        #expect(try await store.queue() == before)
        #expect(before.map(\.conversationID) == [urgent, older])
        try await routing.setPresence(anna, to: .online)
        #expect(try await store.conversation(urgent)?.assigneeID == anna)
        #expect(try await store.conversation(older)?.assigneeID == nil)
    }

    @Test(.timeLimit(.minutes(3))) func theRunningServiceAssignsANewConversationWhenItIsCommitted() async throws {
        // Given the routing service running and anna online
        let fixture = try await RoutingFixture()
        defer { fixture.directory.remove() }
        let anna = try await fixture.addOperator("anna", online: true)
        let router = InboundRouter(store: fixture.store, bus: fixture.bus, logger: Logger(label: "test"))
        let group = ServiceGroup(configuration: .init(services: [fixture.routing], logger: Logger(label: "test")))
        let running = Task { try await group.run() }
        let subscription = try await fixture.bus.subscribe(after: 0)

        // When a client writes through the router
        try await router.ingest(InboundEvents.text("hi", channel: fixture.channel.id, from: "u-1", at: fixture.clock.now()))

        // Then an assignment event follows and anna holds it
        for try await event in subscription where event.kind == .conversationAssigned {
            #expect(event.payload.contains(#""to":\#(anna.rawValue)"#))
            break
        }
        await group.triggerGracefulShutdown()
        try await running.value
    }
}
