import Foundation
import Logging
import SQLiteStore
import ServiceLifecycle
import SwitchboardCore
import SwitchboardEngine
import Synchronization
import TestSupport
import Testing

/// Records every post and answers each with the next scripted status.
final class FakeWebhookPoster: WebhookPoster {
    private let state = Mutex<(posts: [WebhookPost], statuses: [Int])>(([], []))

    init(statuses: [Int]) {
        state.withLock { $0.statuses = statuses }
    }

    var posts: [WebhookPost] { state.withLock { $0.posts } }

    func post(_ request: WebhookPost) async -> WebhookPostResult {
        let status = state.withLock { state -> Int in
            state.posts.append(request)
            return state.statuses.isEmpty ? 204 : state.statuses.removeFirst()
        }
        return WebhookPostResult(statusCode: status, error: (200..<300).contains(status) ? nil : "HTTP \(status)", responseMillis: 1)
    }
}

@Suite struct WebhookDispatcherServiceTests {
    func dispatcher(_ fixture: StoreFixture, bus: InProcessEventBus, poster: FakeWebhookPoster, clock: any WallClock) -> WebhookDispatcher {
        var configuration = WebhookDispatcher.Configuration()
        configuration.idlePoll = 3600
        return WebhookDispatcher(
            store: fixture.store,
            bus: bus,
            poster: poster,
            clock: clock,
            configuration: configuration,
            logger: Logger(label: "test")
        ) {
            0
        }
    }

    func register(_ fixture: StoreFixture, _ types: [WebhookEventType], at now: Date) async throws -> OutgoingWebhook {
        try await fixture.store.createOutgoingWebhook(
            OutgoingWebhookDraft(url: "https://hooks.example/in", eventTypes: types, secretCiphertext: Data([7])),
            by: .system,
            at: now
        )
    }

    @Test(.timeLimit(.minutes(3))) func aCommittedEventIsSentAtOnceWithoutWaitingForTheClock() async throws {
        // Given a running dispatcher whose clock never moves and whose idle poll is an hour
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let clock = ManualWallClock()
        let bus = InProcessEventBus(log: fixture.store)
        let poster = FakeWebhookPoster(statuses: [])
        _ = try await register(fixture, [.messageIn], at: clock.now())
        let group = ServiceGroup(
            configuration: .init(services: [dispatcher(fixture, bus: bus, poster: poster, clock: clock)], logger: Logger(label: "test"))
        )
        let running = Task { try await group.run() }

        // When a client message is committed and published
        let router = InboundRouter(store: fixture.store, bus: bus, logger: Logger(label: "test"))
        _ = try await router.ingest(InboundEvents.text("hi", channel: fixture.channel.id, at: clock.now()))

        // Then the bus wakes the dispatcher and the receiver gets it, signed with this attempt's time
        try await eventually("the post") { poster.posts.count == 1 }
        let post = try #require(poster.posts.first)
        #expect(try WebhookBody.decode(post.body).type == .messageIn)
        #expect(post.timestamp == Int64(clock.now().timeIntervalSince1970) && post.secretCiphertext == Data([7]))

        await group.triggerGracefulShutdown()
        try await running.value
    }

    @Test(.timeLimit(.minutes(3))) func aFailedHeadIsRetriedWhenDueAndTheNextEventWaitsForIt() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let clock = ManualWallClock()
        let bus = InProcessEventBus(log: fixture.store)
        let poster = FakeWebhookPoster(statuses: [503])
        _ = try await register(fixture, [.messageIn], at: clock.now())
        let subject = dispatcher(fixture, bus: bus, poster: poster, clock: clock)
        let router = InboundRouter(store: fixture.store, bus: bus, logger: Logger(label: "test"))
        _ = try await router.ingest(InboundEvents.text("first", channel: fixture.channel.id, at: clock.now()))
        _ = try await router.ingest(InboundEvents.text("second", channel: fixture.channel.id, from: "u-2", at: clock.now()))

        // The first attempt fails: nothing else goes out, and nothing is due before the backoff (15 s with no jitter).
        _ = try await subject.fanOut()
        #expect(try await subject.sendDue() == 1)
        #expect(try await subject.sendDue() == 0)
        clock.advance(by: 14)
        #expect(try await subject.sendDue() == 0)

        // Once due, the first is sent again, then the second.
        clock.advance(by: 1)
        #expect(try await subject.sendDue() == 1)
        #expect(try await subject.sendDue() == 1)
        let texts = try poster.posts.map { try WebhookBody.decode($0.body).data.text }
        #expect(texts == ["first", "first", "second"])
    }
}
