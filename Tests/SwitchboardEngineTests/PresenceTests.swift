import Foundation
import Logging
import SQLiteStore
import ServiceLifecycle
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

@Suite struct PresenceTests {
    @Test(.timeLimit(.minutes(3))) func anOperatorGoesOfflineExactlyAfterTheTimeoutWithoutActivity() async throws {
        // Given a 10-minute presence timeout and the service running on a manual clock
        var configuration = RoutingService.Configuration()
        configuration.presenceTimeout = 600
        configuration.sweepInterval = 3600
        let fixture = try await RoutingFixture(configuration: configuration)
        defer { fixture.directory.remove() }
        let anna = try await fixture.addOperator("anna")
        let group = ServiceGroup(configuration: .init(services: [fixture.routing], logger: Logger(label: "test")))
        let running = Task { try await group.run() }
        let subscription = try await fixture.bus.subscribe(after: nil)

        // When anna goes online and then does nothing
        try await fixture.routing.setPresence(anna, to: .online)
        try await eventually("the service sleeps until the timeout") { fixture.clock.sleeperCount == 1 }
        fixture.clock.advance(by: 599)
        try await eventually("the service sleeps again") { fixture.clock.sleeperCount == 1 }
        #expect(try await fixture.store.viewer(anna)?.0.status == .online)
        fixture.clock.advance(by: 1)

        // Then she goes offline at exactly ten minutes, and the log says why
        for try await event in subscription where event.kind == .operatorPresenceChanged && event.payload.contains(#""status":"offline""#) {
            #expect(event.occurredAt == fixture.clock.now())
            break
        }
        let log = try await fixture.store.presenceLog(of: anna)
        #expect(log.map(\.status) == [.online, .offline])
        #expect(log.map(\.reason) == [.manual, .timeout])
        #expect(log[1].at.timeIntervalSince(log[0].at) == 600)
        await group.triggerGracefulShutdown()
        try await running.value
    }

    @Test func activityKeepsAnOperatorOnlineAndEveryChangeIsLogged() async throws {
        var configuration = RoutingService.Configuration()
        configuration.presenceTimeout = 600
        let fixture = try await RoutingFixture(configuration: configuration)
        defer { fixture.directory.remove() }
        let anna = try await fixture.addOperator("anna")
        try await fixture.routing.setPresence(anna, to: .online)
        fixture.clock.advance(by: 500)
        try await fixture.routing.recordActivity(of: anna)
        fixture.clock.advance(by: 500)
        #expect(try await fixture.routing.expireIdlePresence().isEmpty)
        try await fixture.routing.setPresence(anna, to: .away)
        try await fixture.routing.setPresence(anna, to: .away)
        fixture.clock.advance(by: 600)
        #expect(try await fixture.routing.expireIdlePresence().count == 1)
        #expect(try await fixture.store.presenceLog(of: anna).map(\.status) == [.online, .away, .offline])
    }

    @Test func aRestartDoesNotForgetWhenAnOperatorWasLastSeen() async throws {
        // Given anna went online and the process stopped five minutes later
        let fixture = try await RoutingFixture()
        defer { fixture.directory.remove() }
        let anna = try await fixture.addOperator("anna")
        try await fixture.routing.setPresence(anna, to: .online)
        fixture.clock.advance(by: 300)
        try fixture.store.close()

        // When it starts again and the first pass runs after the 15-minute timeout
        let (store, routing) = try fixture.reopened()
        defer { try? store.close() }
        #expect(try await routing.expireIdlePresence().isEmpty)
        fixture.clock.advance(by: 600)

        // Then the timeout counts from when she was last seen before the restart
        #expect(try await routing.expireIdlePresence().count == 1)
        #expect(try await store.presenceLog(of: anna).map(\.reason) == [.manual, .timeout])
    }
}
