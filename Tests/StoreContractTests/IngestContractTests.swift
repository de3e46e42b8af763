import Foundation
import SwitchboardCore
import Testing

/// Ingest: idempotency, placement and order of client messages.
@Suite struct IngestContractTests {
    @Test(arguments: StoreFactory.all)
    func redeliveredUpdateIsADuplicateAndChangesNothing(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let update = desk.text("Hello", at: desk.at(0), delivery: "update-1", messageID: "1")
            let first = try await desk.ingestNew(update)
            let seq = try await desk.store.latestSeq()

            let again = try await desk.store.ingest(update)

            #expect(again == .duplicate)
            #expect(try await desk.store.latestSeq() == seq)
            #expect(try await desk.texts(try #require(first.conversationID)) == ["Hello"])
        }
    }

    @Test(arguments: StoreFactory.all)
    func sameMessageUnderANewDeliveryKeyIsADuplicate(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let first = try await desk.ingestNew(desk.text("Hi", at: desk.at(0), delivery: "a", messageID: "42"))
            let seq = try await desk.store.latestSeq()

            let again = try await desk.store.ingest(desk.text("Hi", at: desk.at(1), delivery: "b", messageID: "42"))

            #expect(again == .duplicate)
            #expect(try await desk.store.latestSeq() == seq)
            #expect(try await desk.texts(try #require(first.conversationID)) == ["Hi"])
        }
    }

    @Test(arguments: StoreFactory.all)
    func sameMessageIDOnAnotherChannelIsANewMessage(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let viber = try await desk.makeChannel("viber")
            let telegram = try await desk.ingestNew(desk.text("on telegram", at: desk.at(0), delivery: "k", messageID: "42"))

            let other = try await desk.store.ingest(desk.text("on viber", on: viber.id, at: desk.at(1), delivery: "k", messageID: "42"))

            guard case .new(let result) = other else {
                Issue.record("a message id is unique per channel only")
                return
            }
            #expect(result.conversationID != telegram.conversationID)
            #expect(try await desk.texts(try #require(result.conversationID)) == ["on viber"])
        }
    }

    @Test(arguments: StoreFactory.all)
    func messagesOfAConversationComeBackInTheOrderTheyHappened(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try #require(try await desk.clientWrites("one", at: desk.at(0)).conversationID)
            try await desk.clientWrites("two", at: desk.at(1))
            try await desk.reply("reply", in: id, at: desk.at(2))
            _ = try await desk.store.addNote(conversationID: id, operatorID: desk.agent.id, text: "note", at: desk.at(3))
            try await desk.clientWrites("three", at: desk.at(4))

            let messages = try await desk.store.messages(in: id)

            #expect(messages.map(\.text) == ["one", "two", "reply", "note", "three"])
            #expect(messages.map(\.direction) == [.inbound, .inbound, .outbound, .internalNote, .inbound])
            #expect(messages.map(\.createdAt) == (0...4).map { desk.at(Double($0)) })
            #expect(messages.map(\.id) == messages.map(\.id).sorted())
            #expect(Set(messages.map(\.id)).count == 5)
        }
    }

    @Test(arguments: StoreFactory.all)
    func interleavedClientsEachKeepTheirOwnConversationAndOrder(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            for index in 0..<6 {
                try await desk.clientWrites("a\(index)", from: "a", at: desk.at(Double(index * 2)))
                try await desk.clientWrites("b\(index)", from: "b", at: desk.at(Double(index * 2 + 1)))
            }
            let first = try await desk.conversation(from: "a", at: desk.at(20))
            let second = try await desk.conversation(from: "b", at: desk.at(21))

            #expect(first != second)
            #expect(try await desk.texts(first) == (0..<6).map { "a\($0)" } + ["hello from a"])
            #expect(try await desk.texts(second) == (0..<6).map { "b\($0)" } + ["hello from b"])
        }
    }

    @Test(arguments: StoreFactory.all)
    func eachClientHasOneContactIdentityAndOpenConversation(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let first = try await desk.clientWrites("one", at: desk.at(0))
            let second = try await desk.clientWrites("two", at: desk.at(1))
            let other = try await desk.clientWrites("hi", from: "u-2", at: desk.at(2))

            #expect(first.contactID == second.contactID)
            #expect(first.identityID == second.identityID)
            #expect(first.conversationID == second.conversationID)
            #expect(other.contactID != first.contactID)
            #expect(other.conversationID != first.conversationID)
            #expect(first.events.map(\.kind) == [.contactCreated, .conversationOpened, .messageCreated])
            #expect(second.events.map(\.kind) == [.messageCreated])
            let identities = try await desk.store.identities(of: first.contactID)
            #expect(identities.map(\.externalID) == ["u-1"])
            #expect(identities.map(\.channelID) == [desk.channel.id])
            let conversation = try await desk.conversationValue(try #require(first.conversationID))
            #expect(conversation.status == .open)
            #expect(conversation.openedAt == desk.at(0))
            #expect(conversation.lastMessageAt == desk.at(1))
            #expect(conversation.contactID == first.contactID)
        }
    }

    @Test(arguments: StoreFactory.all)
    func eventsAnOperationReturnsAreExactlyTheOnesItAppendedToTheLog(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let first = try await desk.clientWrites("one", at: desk.at(0))
            let id = try #require(first.conversationID)
            let reply = try await desk.reply("answer", in: id, at: desk.at(1))
            let resolved = try await desk.store.transition(id, .resolve, at: desk.at(2))

            let log = try await desk.log()

            #expect(log == first.events + reply.events + resolved)
            #expect(try await desk.store.latestSeq() == log.last?.seq)
            #expect(log.allSatisfy { $0.conversationID == id || $0.kind == .contactCreated })
        }
    }

    @Test(arguments: StoreFactory.all)
    func anEditReplacesTheTextAndMarksTheMessageEdited(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try #require(try await desk.ingestNew(desk.text("helo", at: desk.at(0), messageID: "5")).conversationID)

            let edit = try await desk.ingestNew(desk.event(.edit(externalMessageID: "5", text: "hello"), at: desk.at(10)))

            let messages = try await desk.store.messages(in: id)
            #expect(messages.map(\.text) == ["hello"])
            #expect(messages.first?.editedAt == desk.at(10))
            #expect(edit.events.map(\.kind) == [.messageEdited])
            #expect(edit.messageID == messages.first?.id)
        }
    }

    @Test(arguments: StoreFactory.all)
    func anEditOfAMessageNeverSeenIsKeptAsAMessage(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let result = try await desk.ingestNew(desk.event(.edit(externalMessageID: "77", text: "edited before we knew"), at: desk.at(0)))

            let id = try #require(result.conversationID)
            #expect(try await desk.texts(id) == ["edited before we knew"])
            #expect(try await desk.store.messages(in: id).first?.externalID == "77")
        }
    }

    @Test(arguments: StoreFactory.all)
    func blockingTheBotMarksTheIdentityUnreachableAndUnblockingReachable(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let first = try await desk.clientWrites("x", at: desk.at(0))

            let blocked = try await desk.ingestNew(desk.event(.reachability(isReachable: false), at: desk.at(1)))
            #expect(try await desk.store.identities(of: first.contactID).map(\.isReachable) == [false])
            #expect(blocked.events.map(\.kind) == [.identityUpdated])

            try await desk.ingestNew(desk.event(.reachability(isReachable: true), at: desk.at(2)))
            #expect(try await desk.store.identities(of: first.contactID).map(\.isReachable) == [true])
        }
    }

    @Test(arguments: StoreFactory.all)
    func anUnsupportedUpdateIsStoredAsAnAttachmentNotDropped(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let raw = #"{"poll":{"id":"1"}}"#

            let result = try await desk.ingestNew(desk.event(.unsupported(kind: "poll", rawJSON: raw), at: desk.at(0)))

            let id = try #require(result.conversationID)
            let message = try #require(try await desk.store.messages(in: id).first)
            #expect(message.attachments == [Attachment(kind: .unsupported, details: ["kind": "poll", "raw": raw])])
            #expect(message.direction == .inbound)
            #expect(result.events.last?.kind == .messageCreated)
        }
    }

    @Test(arguments: StoreFactory.all)
    func theIdentityKeepsProfileValuesTheMessengerLeavesOut(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            func from(_ sender: SenderProfile, at seconds: Double) -> InboundEvent {
                InboundEvent(
                    channelID: desk.channel.id,
                    deliveryKey: "d-\(seconds)",
                    sender: sender,
                    occurredAt: desk.at(seconds),
                    payload: .message(externalMessageID: "m-\(seconds)", text: "hi", attachments: [], contextKey: nil)
                )
            }
            let first = try await desk.ingestNew(
                from(SenderProfile(externalID: "u-9", displayName: "Olena", username: "olena_k", language: "uk", country: "UA"), at: 0)
            )

            try await desk.ingestNew(from(SenderProfile(externalID: "u-9", displayName: "Olena K."), at: 1))

            let identity = try #require(try await desk.store.identities(of: first.contactID).first)
            #expect(identity.profileName == "Olena K.")
            #expect(identity.username == "olena_k")
            #expect(identity.language == "uk")
            #expect(identity.country == "UA")
            #expect(try await desk.store.contact(first.contactID)?.displayName == "Olena")
        }
    }
}
