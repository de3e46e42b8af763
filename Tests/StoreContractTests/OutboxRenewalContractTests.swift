import Foundation
import SwitchboardCore
import Testing

/// Renewing outbox leases: a dispatcher whose sends wait (the flood budget, a slow messenger)
/// keeps its rows, and never takes back a row another claimer holds after its lease ran out.
@Suite struct OutboxRenewalContractTests {
    @Test(arguments: StoreFactory.all)
    func aRenewedLeaseKeepsTheRowFromOtherClaimersPastItsFirstEnd(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let a = try await desk.reply("a", in: try await desk.conversation(from: "a", at: desk.at(0)), at: desk.at(1)).message.id
            let b = try await desk.reply("b", in: try await desk.conversation(from: "b", at: desk.at(0)), at: desk.at(1)).message.id
            #expect(try await desk.store.claimOutbox(limit: 10, now: desk.at(10), lease: 60).count == 2)

            let renewed = try await desk.store.renewOutboxClaims([a, b], heldUntil: desk.at(70), until: desk.at(100))

            #expect(Set(renewed) == [a, b])
            // Past the first lease, before the renewed one: nothing to claim.
            #expect(try await desk.store.claimOutbox(limit: 10, now: desk.at(80), lease: 60).isEmpty)
            #expect(try await desk.store.nextOutboxDue() == desk.at(100))
            // Renewed again from the new end.
            #expect(try await desk.store.renewOutboxClaims([a], heldUntil: desk.at(100), until: desk.at(130)) == [a])
            #expect(try await desk.store.claimOutbox(limit: 10, now: desk.at(110), lease: 60).map(\.message.messageID) == [b])
        }
    }

    @Test(arguments: StoreFactory.all)
    func aRowAnotherClaimerTookAfterTheLeaseRanOutIsNotRenewed(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let reply = try await desk.reply("hi", in: try await desk.conversation(at: desk.at(0)), at: desk.at(1)).message.id
            _ = try await desk.store.claimOutbox(limit: 10, now: desk.at(10), lease: 60)
            // The first claimer stalled: its lease ran out at 70 and a second claimer took the row.
            #expect(try await desk.store.claimOutbox(limit: 10, now: desk.at(75), lease: 60).map(\.message.messageID) == [reply])

            #expect(try await desk.store.renewOutboxClaims([reply], heldUntil: desk.at(70), until: desk.at(200)).isEmpty)

            // The second claimer's lease stands: the row is claimable from 135, not 200.
            #expect(try await desk.store.nextOutboxDue() == desk.at(135))
            #expect(try await desk.store.renewOutboxClaims([reply], heldUntil: desk.at(135), until: desk.at(165)) == [reply])
        }
    }

    @Test(arguments: StoreFactory.all)
    func aRecordedRowIsNotRenewed(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            let sent = try await desk.reply("sent", in: id, at: desk.at(1)).message.id
            let retried = try await desk.reply("retried", in: try await desk.conversation(from: "r", at: desk.at(0)), at: desk.at(1)).message.id
            _ = try await desk.store.claimOutbox(limit: 10, now: desk.at(10), lease: 60)
            _ = try await desk.store.recordDelivery(.sent(sent, externalMessageID: "t-1"), at: desk.at(11))
            _ = try await desk.store.recordDelivery(.retry(retried, at: desk.at(40), reason: "busy"), at: desk.at(11))

            #expect(try await desk.store.renewOutboxClaims([sent, retried], heldUntil: desk.at(70), until: desk.at(100)).isEmpty)
            #expect(try await desk.store.claimOutbox(limit: 10, now: desk.at(40), lease: 60).map(\.message.messageID) == [retried])
            #expect(try await desk.store.renewOutboxClaims([], heldUntil: desk.at(100), until: desk.at(130)).isEmpty)
        }
    }
}
