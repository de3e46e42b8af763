import Foundation
import SwitchboardCore
import Testing

/// Operators' edits and deletions of sent replies: stored first, queued like outbox rows, recorded once.
@Suite struct RevisionContractTests {
    /// A reply of the desk's operator that Telegram accepted as message 42:100, ten seconds in.
    func sentReply(_ desk: Desk, _ text: String = "Ships on Munday", parts: String = "42:100") async throws -> (ConversationID, MessageID) {
        let conversation = try await desk.conversation(at: desk.at(0))
        let reply = try await desk.reply(text, in: conversation, at: desk.at(10))
        _ = try await desk.store.recordDelivery(.sent(reply.message.id, externalMessageID: parts), at: desk.at(11))
        return (conversation, reply.message.id)
    }

    func request(_ desk: Desk, _ conversation: ConversationID, _ message: MessageID, _ change: RevisionRequest.Change) -> RevisionRequest {
        RevisionRequest(messageID: message, conversationID: conversation, viewer: Viewer(operatorID: desk.agent.id, role: .operator), change: change)
    }

    @Test(arguments: StoreFactory.all)
    func anEditIsStoredWithItsHistoryThenClaimedAndRecordedOnce(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let (conversation, reply) = try await sentReply(desk)

            // When the operator edits the reply
            let (message, events) = try await desk.store.revise(request(desk, conversation, reply, .edit(text: "Ships on Monday")), at: desk.at(60))

            // Then the new text and the previous one are stored, and the event says both
            #expect(message.text == "Ships on Monday")
            #expect(events.map(\.kind) == [.messageEdited])
            let payload = try EventPayloadCoding.decoder().decode(MessageRevisionPayload.self, from: Data(try #require(events.first).payload.utf8))
            #expect(payload.revision.previousText == "Ships on Munday")
            let (stored, edits) = try #require(try await desk.store.edits(of: reply, in: conversation))
            #expect(stored.text == "Ships on Monday")
            #expect(edits == [MessageEdit(previousText: "Ships on Munday", editedAt: desk.at(60), editor: .operator(desk.agent.id))])

            // And the dispatcher gets it once, with the messenger's id of the reply
            let item = try #require(try await desk.store.claimRevisions(limit: 10, now: desk.at(60), lease: 30).first)
            #expect(item.kind == .edit)
            #expect(item.externalIDs == ["42:100"])
            #expect(item.message.text == "Ships on Monday")
            #expect(item.message.isFromOperator)
            #expect(try await desk.store.claimRevisions(limit: 10, now: desk.at(61), lease: 30).isEmpty)
            let recorded = try await desk.store.recordRevision(.applied(revisionID: item.revisionID), at: desk.at(62))
            #expect(recorded.map(\.kind) == [.messageRevisionDelivery])
            #expect(try await desk.store.recordRevision(.failed(revisionID: item.revisionID, reason: "late"), at: desk.at(63)).isEmpty)
            #expect(try await desk.store.claimRevisions(limit: 10, now: desk.at(200), lease: 30).isEmpty)
            #expect(try await desk.store.nextRevisionDue() == nil)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aMessagesRevisionsApplyInOrderAndADeletionWaitsBehindARetriedEdit(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let (conversation, reply) = try await sentReply(desk)
            _ = try await desk.store.revise(request(desk, conversation, reply, .edit(text: "Ships on Monday")), at: desk.at(60))
            _ = try await desk.store.revise(request(desk, conversation, reply, .delete), at: desk.at(61))

            // The edit comes first; while it waits for its retry, the deletion waits behind it
            let edit = try #require(try await desk.store.claimRevisions(limit: 10, now: desk.at(61), lease: 30).first)
            #expect(edit.kind == .edit)
            _ = try await desk.store.recordRevision(.retry(revisionID: edit.revisionID, at: desk.at(120), reason: "429"), at: desk.at(62))
            #expect(try await desk.store.nextRevisionDue() == desk.at(120))
            #expect(try await desk.store.claimRevisions(limit: 10, now: desk.at(100), lease: 30).isEmpty)
            let retried = try #require(try await desk.store.claimRevisions(limit: 10, now: desk.at(120), lease: 30).first)
            #expect(retried.revisionID == edit.revisionID && retried.attempts == 1)
            _ = try await desk.store.recordRevision(.applied(revisionID: edit.revisionID), at: desk.at(121))
            let deletion = try #require(try await desk.store.claimRevisions(limit: 10, now: desk.at(121), lease: 30).first)
            #expect(deletion.kind == .delete)
            #expect(deletion.externalIDs == ["42:100"])
            let message = try #require(try await desk.store.messages(in: conversation).first { $0.id == reply })
            #expect(message.deletedAt == desk.at(61))
        }
    }

    @Test(arguments: StoreFactory.all)
    func aRefusedRevisionStoresNothing(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let (conversation, reply) = try await sentReply(desk)
            let late = desk.at(10 + 48 * 3600)
            await #expect(throws: RevisionRefusal.windowClosed(hours: 48)) {
                try await desk.store.revise(request(desk, conversation, reply, .edit(text: "too late")), at: late)
            }
            let other = try await desk.makeOperator("petro")
            let colleague = RevisionRequest(
                messageID: reply,
                conversationID: conversation,
                viewer: Viewer(operatorID: other.id, role: .operator),
                change: .delete
            )
            await #expect(throws: RevisionRefusal.notAllowed) { try await desk.store.revise(colleague, at: desk.at(60)) }
            await #expect(throws: RevisionRefusal.notFound) {
                try await desk.store.revise(request(desk, conversation, MessageID(9999), .delete), at: desk.at(60))
            }
            let (stored, edits) = try #require(try await desk.store.edits(of: reply, in: conversation))
            #expect(stored.text == "Ships on Munday" && stored.deletedAt == nil && edits.isEmpty)
            #expect(try await desk.store.claimRevisions(limit: 10, now: late, lease: 30).isEmpty)
        }
    }
}
