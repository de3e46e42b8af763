import Foundation
import SwitchboardCore
import Testing

/// The outbox: replies queued before any send, claims that never hand one row to two claimers,
/// leases, retries and the results of sending.
@Suite struct OutboxContractTests {
    @Test(arguments: StoreFactory.all)
    func aReplyIsQueuedWithItsOutboxRowBeforeAnySend(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            #expect(try await desk.store.nextOutboxDue() == nil)

            let reply = try await desk.reply("Hello!", in: id, at: desk.at(10))

            #expect(reply.message.deliveryState == .queued)
            #expect(reply.message.author == .operator(desk.agent.id))
            #expect(reply.message.direction == .outbound)
            #expect(reply.events.map(\.kind) == [.messageCreated])
            #expect(reply.events.first?.messageID == reply.message.id)
            #expect(try await desk.store.messages(in: id).last == reply.message)
            #expect(try await desk.store.nextOutboxDue() == desk.at(10))
        }
    }

    @Test(arguments: StoreFactory.all)
    func theFirstResponseTimeIsTheFirstReplyOnly(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))

            try await desk.reply("first", in: id, at: desk.at(30))
            try await desk.clientWrites("thanks", at: desk.at(40))
            try await desk.reply("second", in: id, at: desk.at(90))

            let conversation = try await desk.conversationValue(id)
            #expect(conversation.firstResponseAt == desk.at(30))
            #expect(conversation.lastMessageAt == desk.at(90))
        }
    }

    @Test(arguments: StoreFactory.all)
    func aClaimLeasesOnlyTheOldestRowOfEachConversation(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let first = try await desk.conversation(from: "a", at: desk.at(0))
            let second = try await desk.conversation(from: "b", at: desk.at(0))
            let a1 = try await desk.reply("a1", in: first, at: desk.at(1))
            let b1 = try await desk.reply("b1", in: second, at: desk.at(2))
            let a2 = try await desk.reply("a2", in: first, at: desk.at(3))

            let claimed = try await desk.store.claimOutbox(limit: 10, now: desk.at(3), lease: 30)

            #expect(claimed.map(\.message.messageID) == [a1.message.id, b1.message.id])
            #expect(claimed.map(\.conversationID) == [first, second])
            #expect(try await desk.store.claimOutbox(limit: 10, now: desk.at(3), lease: 30).isEmpty)
            _ = try await desk.store.recordDelivery(.sent(a1.message.id, externalMessageID: "t-a1"), at: desk.at(4))
            #expect(try await desk.store.claimOutbox(limit: 10, now: desk.at(4), lease: 30).map(\.message.messageID) == [a2.message.id])
        }
    }

    @Test(arguments: StoreFactory.all)
    func aClaimRespectsItsLimit(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            var replies: [MessageID] = []
            for index in 0..<5 {
                let id = try await desk.conversation(from: "c\(index)", at: desk.at(0))
                replies.append(try await desk.reply("r\(index)", in: id, at: desk.at(Double(1 + index))).message.id)
            }

            let first = try await desk.store.claimOutbox(limit: 2, now: desk.at(10), lease: 30)
            let rest = try await desk.store.claimOutbox(limit: 10, now: desk.at(10), lease: 30)

            #expect(first.map(\.message.messageID) == Array(replies.prefix(2)))
            #expect(rest.map(\.message.messageID) == Array(replies.dropFirst(2)))
        }
    }

    @Test(arguments: StoreFactory.all)
    func concurrentClaimersNeverReceiveTheSameRow(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            // Given 24 conversations with two queued replies each
            var expected: Set<MessageID> = []
            for index in 0..<24 {
                let id = try await desk.conversation(from: "c\(index)", at: desk.at(0))
                expected.insert(try await desk.reply("first \(index)", in: id, at: desk.at(1)).message.id)
                try await desk.reply("second \(index)", in: id, at: desk.at(2))
            }
            let store = desk.store
            let now = desk.at(5)

            // When eight claimers race, each claiming up to five rows twice
            let batches = try await withThrowingTaskGroup(of: [MessageID].self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        var mine: [MessageID] = []
                        for _ in 0..<2 {
                            mine += try await store.claimOutbox(limit: 5, now: now, lease: 60).map(\.message.messageID)
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: [[MessageID]]()) { $0.append($1) }
            }

            // Then every first reply was handed out exactly once, and no second reply while the first is leased
            let all = batches.flatMap { $0 }
            #expect(all.count == Set(all).count)
            #expect(Set(all) == expected)
            #expect(try await store.claimOutbox(limit: 100, now: now, lease: 60).isEmpty)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aLeasedRowIsNotClaimedAgainUntilItsLeaseEnds(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            let reply = try await desk.reply("1", in: id, at: desk.at(10))

            let claimed = try await desk.store.claimOutbox(limit: 10, now: desk.at(10), lease: 30)
            #expect(claimed.map(\.message.messageID) == [reply.message.id])
            #expect(claimed.first?.attempts == 0)

            #expect(try await desk.store.nextOutboxDue() == desk.at(40))
            #expect(try await desk.store.claimOutbox(limit: 10, now: desk.at(39), lease: 30).isEmpty)
            let reclaimed = try await desk.store.claimOutbox(limit: 10, now: desk.at(40), lease: 30)
            #expect(reclaimed.map(\.message.messageID) == [reply.message.id])
            #expect(try await desk.store.claimOutbox(limit: 10, now: desk.at(41), lease: 30).isEmpty)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aRowIsNotClaimedBeforeItIsDue(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            try await desk.reply("later", in: id, at: desk.at(100))

            #expect(try await desk.store.claimOutbox(limit: 10, now: desk.at(99), lease: 30).isEmpty)
            #expect(try await desk.store.claimOutbox(limit: 10, now: desk.at(100), lease: 30).count == 1)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aRetryWaitsForItsTimeAndCountsTheAttempt(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            let reply = try await desk.reply("1", in: id, at: desk.at(10))
            _ = try await desk.store.claimOutbox(limit: 10, now: desk.at(10), lease: 30)

            let events = try await desk.store.recordDelivery(.retry(reply.message.id, at: desk.at(70), reason: "429"), at: desk.at(11))

            #expect(events.map(\.kind) == [.messageDelivery])
            #expect(try await desk.store.nextOutboxDue() == desk.at(70))
            #expect(try await desk.store.claimOutbox(limit: 10, now: desk.at(69), lease: 30).isEmpty)
            let again = try await desk.store.claimOutbox(limit: 10, now: desk.at(70), lease: 30)
            #expect(again.map(\.message.messageID) == [reply.message.id])
            #expect(again.first?.attempts == 1)
            #expect(try await desk.store.messages(in: id).last?.deliveryState == .queued)
        }
    }

    @Test(arguments: StoreFactory.all)
    func sentRemovesTheRowAndKeepsTheMessengersID(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            let reply = try await desk.reply("1", in: id, at: desk.at(10))
            _ = try await desk.store.claimOutbox(limit: 10, now: desk.at(10), lease: 30)

            let events = try await desk.store.recordDelivery(.sent(reply.message.id, externalMessageID: "t-1"), at: desk.at(11))

            #expect(events.map(\.kind) == [.messageDelivery])
            #expect(events.first?.messageID == reply.message.id)
            let message = try #require(try await desk.store.messages(in: id).last)
            #expect(message.deliveryState == .sent)
            #expect(message.externalID == "t-1")
            #expect(try await desk.store.nextOutboxDue() == nil)
            #expect(try await desk.store.claimOutbox(limit: 10, now: desk.at(100), lease: 30).isEmpty)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aPermanentFailureFailsTheMessageAndMarksTheClientUnreachable(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let first = try await desk.clientWrites("hi", at: desk.at(0))
            let id = try #require(first.conversationID)
            let reply = try await desk.reply("1", in: id, at: desk.at(10))

            let events = try await desk.store.recordDelivery(
                .failed(reply.message.id, reason: "bot was blocked", recipientUnreachable: true),
                at: desk.at(11)
            )

            #expect(events.map(\.kind) == [.messageDelivery])
            let message = try #require(try await desk.store.messages(in: id).last)
            #expect(message.deliveryState == .failed)
            #expect(message.failureReason == "bot was blocked")
            #expect(try await desk.store.identities(of: first.contactID).map(\.isReachable) == [false])
            #expect(try await desk.store.nextOutboxDue() == nil)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aClaimedReplyCarriesItsRecipientTextAndTheOperatorsPersona(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(from: "tg-77", at: desk.at(0))
            let reply = try await desk.reply("Your order ships today", in: id, at: desk.at(10))

            let item = try #require(try await desk.store.claimOutbox(limit: 1, now: desk.at(10), lease: 30).first)

            #expect(item.conversationID == id)
            #expect(
                item.message
                    == OutboundMessage(
                        messageID: reply.message.id,
                        channelID: desk.channel.id,
                        recipientExternalID: "tg-77",
                        text: "Your order ships today",
                        sender: Persona(name: "Maria"),
                        isFromOperator: true
                    )
            )
        }
    }

    @Test(arguments: StoreFactory.all)
    func aBotMessageWearsTheChannelPersonaAndKeepsItsButtons(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            let buttons = [ReplyButton(label: "Yes", action: "fb:resolved:yes")]
            let draft = BotMessageDraft(conversationID: id, trigger: "welcome", text: "Welcome!", buttons: buttons)

            let stored = try #require(try await desk.store.enqueueBotMessage(draft, at: desk.at(1)))

            #expect(stored.message.author == .bot)
            #expect(stored.message.deliveryState == .queued)
            let item = try #require(try await desk.store.claimOutbox(limit: 1, now: desk.at(1), lease: 30).first)
            #expect(item.message.messageID == stored.message.id)
            #expect(item.message.sender == desk.channel.persona)
            #expect(item.message.isFromOperator == false)
            #expect(item.message.buttons == buttons)
        }
    }

    @Test(arguments: StoreFactory.all)
    func anAutomaticMessageGoesOutOncePerTrigger(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            let draft = BotMessageDraft(conversationID: id, trigger: "greeting:1", text: "Hi, we are here")

            let first = try await desk.store.enqueueBotMessage(draft, at: desk.at(1))
            let second = try await desk.store.enqueueBotMessage(draft, at: desk.at(2))
            let other = try await desk.store.enqueueBotMessage(BotMessageDraft(conversationID: id, trigger: "greeting:2", text: "Hi"), at: desk.at(3))

            #expect(first != nil)
            #expect(second == nil)
            #expect(other != nil)
            #expect(try await desk.texts(id) == ["hello from u-1", "Hi, we are here", "Hi"])
        }
    }

    @Test(arguments: StoreFactory.all)
    func aPausedChannelsRepliesWaitUntilItResumes(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            let reply = try await desk.reply("1", in: id, at: desk.at(10))

            try await desk.store.updateChannel(desk.channel.id, ChannelChange(isPaused: true))
            #expect(try await desk.store.claimOutbox(limit: 10, now: desk.at(10), lease: 30).isEmpty)
            #expect(try await desk.store.nextOutboxDue() == nil)

            try await desk.store.updateChannel(desk.channel.id, ChannelChange(isPaused: false))
            #expect(try await desk.store.claimOutbox(limit: 10, now: desk.at(10), lease: 30).map(\.message.messageID) == [reply.message.id])
        }
    }
}
