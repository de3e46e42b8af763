import Foundation
import SwitchboardCore
import Testing

@Suite struct RevisionRuleTests {
    static let sentAt = Date(timeIntervalSince1970: 1_800_000_000)
    static let author = OperatorID(3)

    static func reply(
        parts: String? = "42:100",
        state: DeliveryState = .sent,
        author: MessageAuthor = .operator(RevisionRuleTests.author),
        attachments: [SwitchboardCore.Attachment] = [],
        deletedAt: Date? = nil
    ) -> Message {
        Message(
            id: MessageID(9),
            conversationID: ConversationID(7),
            direction: .outbound,
            author: author,
            text: "Your order ships on Munday",
            attachments: attachments,
            externalID: parts,
            deliveryState: state,
            createdAt: sentAt,
            deletedAt: deletedAt
        )
    }

    static func decide(
        _ change: RevisionRequest.Change,
        _ message: Message = reply(),
        channel: ChannelKind = .telegram,
        viewer: Viewer = Viewer(operatorID: author, role: .operator),
        after elapsed: TimeInterval = 60
    ) throws(RevisionRefusal) -> RevisionRule.Plan {
        let request = RevisionRequest(messageID: MessageID(9), conversationID: ConversationID(7), viewer: viewer, change: change)
        let snapshot = RevisionRule.Snapshot(message: message, channelKind: channel, contactID: ContactID(5))
        return try RevisionRule.decide(request, snapshot, at: sentAt.addingTimeInterval(elapsed))
    }

    @Test func anEditKeepsThePreviousTextAndAnnouncesBothTexts() throws {
        let plan = try Self.decide(.edit(text: "Your order ships on Monday"))
        #expect(plan.kind == .edit)
        #expect(plan.message.text == "Your order ships on Monday")
        #expect(plan.message.editedAt == Self.sentAt.addingTimeInterval(60))
        #expect(plan.previousText == "Your order ships on Munday")
        let event = try #require(plan.events.first)
        #expect(event.kind == .messageEdited)
        guard case .revision(let payload) = event.payload else {
            Issue.record("expected a revision payload")
            return
        }
        #expect(payload.revision.previousText == "Your order ships on Munday")
        #expect(payload.revision.by == .operator(Self.author))
        #expect(payload.revision.state == .queued)
        #expect(payload.message.text == "Your order ships on Monday")
    }

    @Test func aDeletionMarksTheMessageAndKeepsItsText() throws {
        let plan = try Self.decide(.delete)
        #expect(plan.kind == .delete)
        #expect(plan.message.deletedAt != nil)
        #expect(plan.message.text == "Your order ships on Munday")
        #expect(plan.events.map(\.kind) == [.messageDeleted])
    }

    @Test func viberRepliesAreRefusedBecauseItsBotsCannotEditOrDelete() {
        for change in [RevisionRequest.Change.edit(text: "fixed"), .delete] {
            #expect(throws: RevisionRefusal.messengerCannotRevise(.viber)) { try Self.decide(change, channel: .viber) }
        }
    }

    @Test func theWindowIsFortyEightHoursFromSending() throws {
        let justInside = 48 * 3600.0 - 1
        _ = try Self.decide(.delete, after: justInside)
        _ = try Self.decide(.edit(text: "fixed"), after: justInside)
        #expect(throws: RevisionRefusal.windowClosed(hours: 48)) { try Self.decide(.delete, after: 48 * 3600) }
        #expect(throws: RevisionRefusal.windowClosed(hours: 48)) { try Self.decide(.edit(text: "fixed"), after: 72 * 3600) }
    }

    @Test func aReplyOfSeveralMessagesIsDeletedWholeButNotEdited() throws {
        let split = Self.reply(parts: "42:100,42:101,42:102")
        #expect(throws: RevisionRefusal.severalParts(3)) { try Self.decide(.edit(text: "fixed"), split) }
        #expect(try Self.decide(.delete, split).kind == .delete)
    }

    @Test func onlyTheAuthorOrASupervisorOrAdminMayRevise() throws {
        let colleague = Viewer(operatorID: OperatorID(4), role: .operator)
        #expect(throws: RevisionRefusal.notAllowed) { try Self.decide(.delete, viewer: colleague) }
        _ = try Self.decide(.delete, viewer: Viewer(operatorID: OperatorID(4), role: .supervisor))
        _ = try Self.decide(.edit(text: "fixed"), viewer: Viewer(operatorID: OperatorID(4), role: .admin))
    }

    @Test func onlySentOperatorRepliesAreRevisable() {
        #expect(throws: RevisionRefusal.notAReply) { try Self.decide(.delete, Self.reply(author: .bot)) }
        var clientMessage = Self.reply(author: .client)
        clientMessage.direction = .inbound
        clientMessage.deliveryState = nil
        #expect(throws: RevisionRefusal.notAReply) { try Self.decide(.delete, clientMessage) }
        #expect(throws: RevisionRefusal.notSent) { try Self.decide(.delete, Self.reply(parts: nil, state: .queued)) }
        #expect(throws: RevisionRefusal.notSent) { try Self.decide(.edit(text: "x"), Self.reply(state: .failed)) }
        #expect(throws: RevisionRefusal.deleted) { try Self.decide(.delete, Self.reply(deletedAt: Self.sentAt)) }
    }

    @Test func theNewTextMustChangeSomethingAndFitTheMessengersLimit() throws {
        #expect(throws: RevisionRefusal.unchanged) { try Self.decide(.edit(text: "Your order ships on Munday")) }
        #expect(throws: RevisionRefusal.empty) { try Self.decide(.edit(text: "  ")) }
        #expect(throws: RevisionRefusal.tooLong(limit: 4096)) { try Self.decide(.edit(text: String(repeating: "a", count: 4097))) }
        // A lone file's text is its caption: 1024 characters, and it may become empty.
        let photo = Self.reply(attachments: [SwitchboardCore.Attachment(kind: .photo, storedPath: "a.jpg")])
        #expect(throws: RevisionRefusal.tooLong(limit: 1024)) { try Self.decide(.edit(text: String(repeating: "a", count: 1025)), photo) }
        #expect(try Self.decide(.edit(text: ""), photo).message.text == "")
    }

    @Test func aMessageOfAnotherConversationIsNotFound() {
        let request = RevisionRequest(
            messageID: MessageID(9),
            conversationID: ConversationID(8),
            viewer: Viewer(operatorID: Self.author, role: .operator),
            change: .delete
        )
        let snapshot = RevisionRule.Snapshot(message: Self.reply(), channelKind: .telegram, contactID: ContactID(5))
        #expect(throws: RevisionRefusal.notFound) { try RevisionRule.decide(request, snapshot, at: Self.sentAt) }
    }

    @Test func aDeliveryResultFinishesAQueuedRevisionOnce() throws {
        let stored = RevisionDeliveryDecision.Stored(
            revisionID: 1,
            kind: .edit,
            messageID: MessageID(9),
            conversationID: ConversationID(7),
            state: .queued
        )
        let applied = try #require(RevisionDeliveryDecision.decide(.applied(revisionID: 1), revision: stored, at: Self.sentAt))
        #expect(applied.change == .finish(revisionID: 1, .sent, reason: nil))
        #expect(applied.event.kind == .messageRevisionDelivery)
        let retry = try #require(
            RevisionDeliveryDecision.decide(.retry(revisionID: 1, at: Self.sentAt, reason: "busy"), revision: stored, at: Self.sentAt)
        )
        #expect(retry.change == .scheduleRetry(revisionID: 1, at: Self.sentAt, reason: "busy"))
        var done = stored
        done.state = .sent
        #expect(RevisionDeliveryDecision.decide(.failed(revisionID: 1, reason: "late"), revision: done, at: Self.sentAt) == nil)
    }

    @Test func theRevisionPayloadIsTheMessagePlusTheRevision() throws {
        let plan = try Self.decide(.edit(text: "Your order ships on Monday"))
        guard case .revision(let payload) = try #require(plan.events.first).payload else {
            Issue.record("expected a revision payload")
            return
        }
        let data = try EventPayloadCoding.encoder().encode(payload)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["text"] as? String == "Your order ships on Monday")
        #expect((json["revision"] as? [String: Any])?["previousText"] as? String == "Your order ships on Munday")
        #expect(try EventPayloadCoding.decoder().decode(MessageRevisionPayload.self, from: data) == payload)
        #expect(try EventPayloadCoding.decoder().decode(Message.self, from: data) == payload.message)
    }
}
