import Foundation
import Logging
import SwitchboardApp
import SwitchboardCore
import SwitchboardEngine
import Synchronization
import TestSupport
import Testing

/// A reply whose send waits longer than the lease (the cluster's flood budget, a slow messenger)
/// stays with the dispatcher sending it: a second dispatcher on the same store does not send it
/// again once the first lease has run out.
@Suite struct OutboxLeaseRenewalTests {
    @Test func aSendThatOutlastsTheLeaseIsNotClaimedBySecondDispatcher() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let clock = ManualWallClock()
        let slow = GatedAdapter()
        let other = ScriptedAdapter()
        var configuration = OutboxDispatcher.Configuration()
        configuration.lease = 60
        let bus = InProcessEventBus(log: fixture.store)
        let first = OutboxDispatcher(
            store: fixture.store,
            adapters: slow,
            bus: bus,
            clock: clock,
            configuration: configuration,
            logger: Logger(label: "first")
        )
        let second = OutboxDispatcher(
            store: fixture.store,
            adapters: other,
            bus: bus,
            clock: clock,
            configuration: configuration,
            logger: Logger(label: "second")
        )
        guard case .new(let ingested) = try await fixture.store.ingest(InboundEvents.text("hi", channel: fixture.channel.id)),
            let conversation = ingested.conversationID
        else { throw StoreError.invalid("no conversation") }
        let claimedAt = clock.now()
        let reply = try await fixture.store.enqueueReply(
            ReplyDraft(conversationID: conversation, operatorID: fixture.agent.id, text: "slow one"),
            at: claimedAt
        ).message.id

        let sending = Task { try await first.dispatchDue() }
        try await eventually("the first dispatcher is sending and its keeper waits") { slow.waiting == 1 && clock.sleeperCount >= 1 }

        // Three renewals, each a third of the lease apart, carry the lease to 120 s after the claim.
        for step in 1...3 {
            clock.advance(by: 20)
            let renewedUntil = claimedAt.addingTimeInterval(Double(20 * step) + 60)
            try await eventually("renewal \(step) reached the store") { try await fixture.store.nextOutboxDue() == renewedUntil }
        }
        clock.advance(by: 15)
        // 75 s after the claim: the first lease ended at 60, the renewed one ends at 120.
        #expect(try await second.dispatchDue() == 0)
        #expect(other.sent.isEmpty)

        slow.open()
        #expect(try await sending.value == 1)
        #expect(slow.sent.map(\.messageID) == [reply])
        #expect(try await fixture.store.messages(in: conversation).first { $0.id == reply }?.deliveryState == .sent)
        #expect(try await second.dispatchDue() == 0)
        #expect(other.sent.isEmpty)
    }
}

/// An adapter whose sends wait until the test opens it, as a send behind a long queue does.
private final class GatedAdapter: ChannelAdapter, ChannelAdapterRegistry {
    private struct State {
        var isOpen = false
        var waiters: [CheckedContinuation<Void, Never>] = []
        var sent: [OutboundMessage] = []
    }

    private let state = Mutex(State())

    var waiting: Int { state.withLock { $0.waiters.count } }
    var sent: [OutboundMessage] { state.withLock { $0.sent } }

    func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func send(_ message: OutboundMessage, resuming progress: DeliveryProgress) async throws -> DeliveryReceipt {
        await withCheckedContinuation { continuation in
            let open = state.withLock { state in
                if !state.isOpen { state.waiters.append(continuation) }
                return state.isOpen
            }
            if open { continuation.resume() }
        }
        state.withLock { $0.sent.append(message) }
        return DeliveryReceipt(externalMessageID: "slow-\(message.messageID)")
    }

    func adapter(for channelID: ChannelID) async -> (any ChannelAdapter)? { self }
}
