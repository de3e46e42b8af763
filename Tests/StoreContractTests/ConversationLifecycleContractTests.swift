import Foundation
import SwitchboardCore
import Testing

/// Conversation status changes: the state machine as the store applies it, and the reopen window.
@Suite struct ConversationLifecycleContractTests {
    @Test(arguments: StoreFactory.all)
    func resolvingRecordsTheTimeAndOneStatusEvent(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))

            let events = try await desk.store.transition(id, .resolve, at: desk.at(50))

            #expect(events.map(\.kind) == [.conversationStatusChanged])
            #expect(events.first?.conversationID == id)
            #expect(events.first?.occurredAt == desk.at(50))
            let conversation = try await desk.conversationValue(id)
            #expect(conversation.status == .resolved)
            #expect(conversation.resolvedAt == desk.at(50))
        }
    }

    @Test(arguments: StoreFactory.all)
    func aClientMessageInsideTheReopenWindowReopensTheSameConversation(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            _ = try await desk.store.transition(id, .resolve, at: desk.at(100))
            let lastMoment = desk.at(100 + ConversationPolicy.defaultReopenWindow)

            let again = try await desk.clientWrites("again", at: lastMoment)

            #expect(again.conversationID == id)
            #expect(again.events.map(\.kind) == [.conversationStatusChanged, .messageCreated])
            let conversation = try await desk.conversationValue(id)
            #expect(conversation.status == .open)
            #expect(conversation.resolvedAt == nil)
            #expect(conversation.lastMessageAt == lastMoment)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aClientMessageAfterTheReopenWindowOpensANewConversation(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            _ = try await desk.store.transition(id, .resolve, at: desk.at(100))

            let later = try await desk.clientWrites("new question", at: desk.at(101 + ConversationPolicy.defaultReopenWindow))

            let newID = try #require(later.conversationID)
            #expect(newID != id)
            #expect(later.events.map(\.kind) == [.conversationOpened, .messageCreated])
            #expect(try await desk.conversationValue(id).status == .resolved)
            #expect(try await desk.conversationValue(newID).status == .open)
            #expect(try await desk.texts(newID) == ["new question"])
            let contact = try await desk.conversationValue(id).contactID
            #expect(try await desk.conversationValue(newID).contactID == contact)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aPendingConversationIsOpenAgainWhenTheClientWrites(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            let pending = try await desk.store.transition(id, .markPending, at: desk.at(1))
            #expect(pending.map(\.kind) == [.conversationStatusChanged])
            #expect(try await desk.conversationValue(id).status == .pending)

            let answer = try await desk.clientWrites("here is the number", at: desk.at(2))

            #expect(answer.conversationID == id)
            #expect(answer.events.map(\.kind) == [.conversationStatusChanged, .messageCreated])
            #expect(try await desk.conversationValue(id).status == .open)
        }
    }

    @Test(arguments: StoreFactory.all)
    func anOperatorReplyOnAResolvedConversationReopensIt(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            _ = try await desk.store.transition(id, .resolve, at: desk.at(1))

            let reply = try await desk.reply("one more thing", in: id, at: desk.at(2))

            #expect(reply.events.map(\.kind) == [.conversationStatusChanged, .messageCreated])
            let conversation = try await desk.conversationValue(id)
            #expect(conversation.status == .open)
            #expect(conversation.resolvedAt == nil)
        }
    }

    @Test(arguments: StoreFactory.all)
    func anOperatorCanReopenAResolvedConversation(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            _ = try await desk.store.transition(id, .resolve, at: desk.at(1))

            let events = try await desk.store.transition(id, .reopen, at: desk.at(2))

            #expect(events.map(\.kind) == [.conversationStatusChanged])
            #expect(try await desk.conversationValue(id).status == .open)
            #expect(try await desk.conversationValue(id).resolvedAt == nil)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aTriggerThatChangesNothingAppendsNoEvent(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            let seq = try await desk.store.latestSeq()

            let events = try await desk.store.transition(id, .clientMessage, at: desk.at(1))

            #expect(events.isEmpty)
            #expect(try await desk.store.latestSeq() == seq)
            #expect(try await desk.conversationValue(id).status == .open)
        }
    }

    static let refusals: [(ConversationStatus, ConversationTrigger)] = [
        (.open, .reopen), (.pending, .markPending), (.pending, .reopen), (.resolved, .resolve), (.resolved, .markPending),
    ]

    @Test(arguments: StoreFactory.all, refusals)
    func aTransitionTheStateMachineRefusesIsRefusedAndChangesNothing(
        _ factory: StoreFactory,
        refusal: (ConversationStatus, ConversationTrigger)
    ) async throws {
        try await Desk.run(factory) { desk in
            let (status, trigger) = refusal
            let id = try await desk.conversation(at: desk.at(0))
            switch status {
            case .open: break
            case .pending: _ = try await desk.store.transition(id, .markPending, at: desk.at(1))
            case .resolved: _ = try await desk.store.transition(id, .resolve, at: desk.at(1))
            }
            let seq = try await desk.store.latestSeq()

            await #expect(throws: StoreError.refused(RefusedTransition(from: status, trigger: trigger))) {
                try await desk.store.transition(id, trigger, at: desk.at(2))
            }

            #expect(try await desk.store.latestSeq() == seq)
            #expect(try await desk.conversationValue(id).status == status)
        }
    }
}
