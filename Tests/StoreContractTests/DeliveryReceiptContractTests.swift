import Foundation
import SwitchboardCore
import Testing

/// Delivery receipts from the messenger: forward only, and never lost when they beat "sent".
@Suite struct DeliveryReceiptContractTests {
    /// A queued reply in a fresh conversation.
    func queuedReply(_ desk: Desk) async throws -> (ConversationID, MessageID) {
        let id = try await desk.conversation(at: desk.at(0))
        return (id, try await desk.reply("1", in: id, at: desk.at(10)).message.id)
    }

    func receipt(
        _ desk: Desk,
        _ token: String,
        _ state: DeliveryState,
        reason: String? = nil,
        on channel: ChannelID? = nil,
        at seconds: Double
    )
        -> InboundEvent
    {
        desk.event(.delivery(externalMessageID: token, state: state, reason: reason), on: channel, at: desk.at(seconds))
    }

    @Test(arguments: StoreFactory.all)
    func aReceiptArrivingBeforeSentIsAppliedWhenSentIsRecorded(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            // Given a reply the messenger reported as delivered and seen before "sent" was recorded
            let (id, message) = try await queuedReply(desk)
            try await desk.ingestNew(receipt(desk, "tok-7", .delivered, at: 11))
            try await desk.ingestNew(receipt(desk, "tok-7", .seen, at: 12))
            #expect(try await desk.store.messages(in: id).last?.deliveryState == .queued)

            // When "sent" is recorded with that token
            let events = try await desk.store.recordDelivery(.sent(message, externalMessageID: "tok-7"), at: desk.at(13))

            // Then the message is seen and both changes are published
            #expect(try await desk.store.messages(in: id).last?.deliveryState == .seen)
            #expect(events.map(\.kind) == [.messageDelivery, .messageDelivery])
            #expect(events.allSatisfy { $0.messageID == message })
            #expect(events.last?.payload.contains(#""state":"seen""#) == true)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aReceiptForAMessageNotYetSentChangesNoMessage(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let (id, _) = try await queuedReply(desk)
            let seq = try await desk.store.latestSeq()

            let result = try await desk.ingestNew(receipt(desk, "unknown-token", .delivered, at: 11))

            #expect(result.events.isEmpty)
            #expect(result.messageID == nil)
            #expect(try await desk.store.latestSeq() == seq)
            #expect(try await desk.store.messages(in: id).map(\.deliveryState) == [nil, .queued])
        }
    }

    @Test(arguments: StoreFactory.all)
    func anEarlyReceiptFromAnotherChannelIsNotApplied(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let viber = try await desk.makeChannel("viber")
            let (id, message) = try await queuedReply(desk)
            try await desk.ingestNew(receipt(desk, "tok-9", .seen, on: viber.id, at: 11))

            let events = try await desk.store.recordDelivery(.sent(message, externalMessageID: "tok-9"), at: desk.at(12))

            #expect(events.map(\.kind) == [.messageDelivery])
            #expect(try await desk.store.messages(in: id).last?.deliveryState == .sent)
        }
    }

    @Test(arguments: StoreFactory.all)
    func deliveryStateMovesForwardOnly(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let (id, message) = try await queuedReply(desk)
            _ = try await desk.store.recordDelivery(.sent(message, externalMessageID: "ext-9"), at: desk.at(11))

            let seen = try await desk.ingestNew(receipt(desk, "ext-9", .seen, at: 12))
            let late = try await desk.ingestNew(receipt(desk, "ext-9", .delivered, at: 13))

            #expect(seen.events.map(\.kind) == [.messageDelivery])
            #expect(seen.messageID == message)
            #expect(late.events.isEmpty)
            #expect(try await desk.store.messages(in: id).last?.deliveryState == .seen)
            let sentAgain = try await desk.store.recordDelivery(.sent(message, externalMessageID: "ext-9"), at: desk.at(14))
            #expect(sentAgain.isEmpty)
            #expect(try await desk.store.messages(in: id).last?.deliveryState == .seen)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aFailureReceiptAfterSentFailsTheMessageWithItsReason(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let (id, message) = try await queuedReply(desk)
            _ = try await desk.store.recordDelivery(.sent(message, externalMessageID: "ext-3"), at: desk.at(11))

            let failed = try await desk.ingestNew(receipt(desk, "ext-3", .failed, reason: "user blocked the bot", at: 12))

            #expect(failed.events.map(\.kind) == [.messageDelivery])
            let stored = try #require(try await desk.store.messages(in: id).last)
            #expect(stored.deliveryState == .failed)
            #expect(stored.failureReason == "user blocked the bot")
        }
    }
}
