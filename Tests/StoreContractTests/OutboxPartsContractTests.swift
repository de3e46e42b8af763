import Foundation
import SwitchboardCore
import Testing

/// Multi-part replies: the parts the messenger accepted are recorded with a retry and handed to the next claim.
@Suite struct OutboxPartsContractTests {
    @Test(arguments: StoreFactory.all)
    func aRetryHandsTheAcknowledgedPartsToTheNextClaim(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            // Given a long reply whose first part the messenger accepted before a 429
            let id = try await desk.conversation(at: desk.at(0))
            let reply = try await desk.reply("a long reply", in: id, at: desk.at(10))
            let first = try #require(try await desk.store.claimOutbox(limit: 10, now: desk.at(10), lease: 30).first)
            #expect(first.progress == .none)
            let afterFirst = DeliveryProgress(acknowledgedParts: ["t-1"])
            _ = try await desk.store.recordDelivery(.retry(reply.message.id, at: desk.at(20), reason: "429", progress: afterFirst), at: desk.at(11))

            // When it is claimed again, and fails again after one more part
            let second = try #require(try await desk.store.claimOutbox(limit: 10, now: desk.at(20), lease: 30).first)
            let afterSecond = DeliveryProgress(acknowledgedParts: ["t-1", "t-2"])
            _ = try await desk.store.recordDelivery(.retry(reply.message.id, at: desk.at(30), reason: "429", progress: afterSecond), at: desk.at(21))
            let third = try #require(try await desk.store.claimOutbox(limit: 10, now: desk.at(30), lease: 30).first)

            // Then each claim carries the parts accepted so far, in order
            #expect(second.progress == afterFirst)
            #expect(third.progress == afterSecond)
            #expect(third.attempts == 2)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aRetryWithoutNewPartsKeepsTheEarlierOnes(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            let reply = try await desk.reply("a long reply", in: id, at: desk.at(10))
            _ = try await desk.store.claimOutbox(limit: 10, now: desk.at(10), lease: 30)
            let accepted = DeliveryProgress(acknowledgedParts: ["t-1"])
            _ = try await desk.store.recordDelivery(.retry(reply.message.id, at: desk.at(20), reason: "429", progress: accepted), at: desk.at(11))
            _ = try await desk.store.claimOutbox(limit: 10, now: desk.at(20), lease: 30)

            // A failure before any new part reports only the parts it was given
            _ = try await desk.store.recordDelivery(.retry(reply.message.id, at: desk.at(30), reason: "502"), at: desk.at(21))

            #expect(try await desk.store.claimOutbox(limit: 10, now: desk.at(30), lease: 30).first?.progress == accepted)
        }
    }

    @Test(arguments: StoreFactory.all)
    func theAcknowledgedPartsGoWithTheRowWhenTheReplyIsSent(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            let reply = try await desk.reply("a long reply", in: id, at: desk.at(10))
            _ = try await desk.store.claimOutbox(limit: 10, now: desk.at(10), lease: 30)
            let accepted = DeliveryProgress(acknowledgedParts: ["t-1"])
            _ = try await desk.store.recordDelivery(.retry(reply.message.id, at: desk.at(20), reason: "429", progress: accepted), at: desk.at(11))
            _ = try await desk.store.claimOutbox(limit: 10, now: desk.at(20), lease: 30)

            _ = try await desk.store.recordDelivery(.sent(reply.message.id, externalMessageID: "t-1,t-2"), at: desk.at(21))

            let message = try #require(try await desk.store.messages(in: id).last)
            #expect(message.deliveryState == .sent)
            #expect(message.externalID == "t-1,t-2")
            #expect(try await desk.store.claimOutbox(limit: 10, now: desk.at(100), lease: 30).isEmpty)
        }
    }
}
