import Foundation
import SwitchboardCore
import Testing

/// Every `StoreError` case, each from a real operation, and a failed operation leaves no events behind.
@Suite struct StoreErrorContractTests {
    @Test(arguments: StoreFactory.all)
    func anIngestForAnUnknownChannelIsNotFoundAndStoresNothing(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { (desk: Desk) async throws in
            await expectStoreError(.notFound) { try await desk.store.ingest(desk.text("x", on: ChannelID(9_999), at: desk.at(0))) }

            #expect(try await desk.store.latestSeq() == 0)
            #expect(try await desk.store.channels().map(\.id) == [desk.channel.id])
        }
    }

    @Test(arguments: StoreFactory.all)
    func operationsOnAnUnknownConversationAreNotFound(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { (desk: Desk) async throws in
            let unknown = ConversationID(9_999)

            await expectStoreError(.notFound) { try await desk.store.transition(unknown, .resolve, at: desk.at(0)) }
            await expectStoreError(.notFound) { try await desk.reply("hi", in: unknown, at: desk.at(0)) }
            await expectStoreError(.notFound) {
                try await desk.store.addNote(conversationID: unknown, operatorID: desk.agent.id, text: "n", at: desk.at(0))
            }
            await expectStoreError(.notFound) { try await desk.store.assign(unknown, to: nil, by: desk.agent.id, note: nil, at: desk.at(0)) }
            await expectStoreError(.notFound) {
                try await desk.store.enqueueBotMessage(BotMessageDraft(conversationID: unknown, trigger: "t", text: "x"), at: desk.at(0))
            }
            await expectStoreError(.notFound) { try await desk.store.recordDelivery(.sent(MessageID(9_999), externalMessageID: nil), at: desk.at(0)) }
            await expectStoreError(.notFound) { try await desk.store.updateContact(ContactID(9_999), preferredName: nil, notes: "x", at: desk.at(0)) }
            #expect(try await desk.store.latestSeq() == 0)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aTakenChannelNameOrLoginIsAConflict(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { (desk: Desk) async throws in
            await expectStoreError(.conflict) {
                try await desk.store.createChannel(
                    ChannelDraft(kind: .viber, name: "support", mode: .webhook, persona: Persona(name: "X")),
                    at: Desk.start
                )
            }
            await expectStoreError(.conflict) {
                try await desk.store.createOperator(OperatorDraft(login: "maria", displayName: "Another Maria", role: .operator), at: Desk.start)
            }
            #expect(try await desk.store.channels().count == 1)
            #expect(try await desk.store.operators().count == 1)
        }
    }

    @Test(arguments: StoreFactory.all)
    func anEmptyReplyIsInvalidAndQueuesNothing(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            let seq = try await desk.store.latestSeq()

            await expectStoreError(.invalid) { try await desk.reply("  \n ", in: id, at: desk.at(1)) }

            #expect(try await desk.store.nextOutboxDue() == nil)
            #expect(try await desk.store.latestSeq() == seq)
            #expect(try await desk.texts(id) == ["hello from u-1"])
        }
    }

    @Test(arguments: StoreFactory.all)
    func aDeliveryReportForAnInboundMessageIsInvalid(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let result = try await desk.clientWrites("hi", at: desk.at(0))

            await expectStoreError(.invalid) {
                try await desk.store.recordDelivery(.sent(try #require(result.messageID), externalMessageID: "x"), at: desk.at(1))
            }
        }
    }

    @Test(arguments: StoreFactory.all)
    func resolvingAResolvedConversationIsRefusedWithTheStateAndTrigger(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            _ = try await desk.store.transition(id, .resolve, at: desk.at(1))

            await #expect(throws: StoreError.refused(RefusedTransition(from: .resolved, trigger: .resolve))) {
                try await desk.store.transition(id, .resolve, at: desk.at(2))
            }
            #expect(try await desk.conversationValue(id).resolvedAt == desk.at(1))
        }
    }
}
