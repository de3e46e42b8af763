import Foundation
import SwitchboardCore
import Testing

@Suite struct WebhookEventMappingTests {
    static let at = Date(timeIntervalSince1970: 1_800_000_000)

    /// An event whose payload is encoded as the store encodes it.
    func event(_ kind: EventKind, _ payload: some Encodable, seq: Int64 = 7, message: MessageID? = nil) throws -> Event {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        let json = String(decoding: try encoder.encode(payload), as: UTF8.self)
        return Event(
            seq: seq,
            kind: kind,
            occurredAt: Self.at,
            contactID: ContactID(3),
            conversationID: ConversationID(5),
            messageID: message,
            payload: json
        )
    }

    func message(_ direction: MessageDirection, author: MessageAuthor) -> Message {
        Message(id: MessageID(9), conversationID: ConversationID(5), direction: direction, author: author, text: "hi", createdAt: Self.at)
    }

    @Test func aClientMessageIsMessageInWithItsText() throws {
        let body = try #require(WebhookEventMapping.body(for: try event(.messageCreated, message(.inbound, author: .client))))
        #expect(body.type == .messageIn)
        #expect(body.seq == 7)
        #expect(body.occurredAt == Self.at)
        #expect(body.data.text == "hi")
        #expect(body.data.author == "client")
        #expect(body.data.messageID == 9 && body.data.conversationID == 5 && body.data.contactID == 3)
    }

    @Test func anOperatorReplyIsMessageOutNamingTheOperatorAndANoteIsNothing() throws {
        let reply = try #require(WebhookEventMapping.body(for: try event(.messageCreated, message(.outbound, author: .operator(OperatorID(4))))))
        #expect(reply.type == .messageOut)
        #expect(reply.data.operatorID == 4)
        #expect(WebhookEventMapping.body(for: try event(.messageCreated, message(.internalNote, author: .operator(OperatorID(4))))) == nil)
    }

    @Test func aHeldClientMessageNotifiesNoWebhook() throws {
        for hold in MessageHold.allCases {
            var held = message(.inbound, author: .client)
            held.hold = hold
            #expect(WebhookEventMapping.body(for: try event(.messageCreated, held)) == nil)
        }
    }

    @Test func statusChangesBecomeResolvedOrReopenedAndOthersNothing() throws {
        let resolve = StatusChangePayload(conversationID: ConversationID(5), from: .open, to: .resolved, reopened: false)
        let reopen = StatusChangePayload(conversationID: ConversationID(5), from: .resolved, to: .open, reopened: true)
        let hold = StatusChangePayload(conversationID: ConversationID(5), from: .open, to: .pending, reopened: false)
        #expect(WebhookEventMapping.body(for: try event(.conversationStatusChanged, resolve))?.type == .conversationResolved)
        #expect(WebhookEventMapping.body(for: try event(.conversationStatusChanged, reopen))?.type == .conversationReopened)
        #expect(WebhookEventMapping.body(for: try event(.conversationStatusChanged, hold)) == nil)
    }

    @Test func anAssignmentNamesBothOperatorsAndAReleaseIsNothing() throws {
        let assign = AssignmentPayload(conversationID: ConversationID(5), from: OperatorID(1), to: OperatorID(2))
        let body = try #require(WebhookEventMapping.body(for: try event(.conversationAssigned, assign)))
        #expect(body.type == .conversationAssigned)
        #expect(body.data.operatorID == 2 && body.data.previousOperatorID == 1)
        let release = AssignmentPayload(conversationID: ConversationID(5), from: OperatorID(1), to: nil)
        #expect(WebhookEventMapping.body(for: try event(.conversationAssigned, release)) == nil)
    }

    @Test func onlyAFailedDeliveryIsDeliveryFailed() throws {
        let failed = DeliveryPayload(messageID: MessageID(9), conversationID: ConversationID(5), state: .failed, reason: "blocked")
        let body = try #require(WebhookEventMapping.body(for: try event(.messageDelivery, failed)))
        #expect(body.type == .deliveryFailed && body.data.reason == "blocked")
        let sent = DeliveryPayload(messageID: MessageID(9), conversationID: ConversationID(5), state: .sent)
        #expect(WebhookEventMapping.body(for: try event(.messageDelivery, sent)) == nil)
    }

    @Test func feedbackCountsOnceAnswered() throws {
        var feedback = ConversationFeedback(
            conversationID: ConversationID(5),
            stage: .askedScore,
            resolved: true,
            askedAt: Self.at,
            updatedAt: Self.at
        )
        #expect(WebhookEventMapping.body(for: try event(.conversationFeedback, feedback)) == nil)
        feedback.stage = .done
        feedback.score = 4
        let body = try #require(WebhookEventMapping.body(for: try event(.conversationFeedback, feedback)))
        #expect(body.type == .feedbackGiven && body.data.score == 4 && body.data.resolved == true)
    }

    @Test func aMergeNamesTheKeptAndTheMergedContact() throws {
        let merge = MergePayload(mergeID: 1, targetID: ContactID(3), sourceID: ContactID(8), reason: .manual)
        let body = try #require(WebhookEventMapping.body(for: try event(.contactMerged, merge)))
        #expect(body.type == .contactMerged && body.data.contactID == 3 && body.data.mergedContactID == 8)
    }

    @Test func theBodyIsStableJSONWithoutAbsentFields() throws {
        let body = try #require(WebhookEventMapping.body(for: try event(.messageCreated, message(.inbound, author: .client))))
        #expect(
            body.json()
                == #"{"data":{"attachmentCount":0,"author":"client","contactID":3,"conversationID":5,"messageID":9,"text":"hi"},"occurredAt":"2027-01-15T08:00:00Z","seq":7,"type":"message.in"}"#
        )
        #expect(try WebhookBody.decode(Data(body.json().utf8)) == body)
    }

    @Test func eventTypeNamesParseOnceSortedAndUnknownNamesAreListed() throws {
        #expect(try WebhookEventType.parse(["message.in", "conversation.opened", "message.in"]).get() == [.conversationOpened, .messageIn])
        #expect(throws: UnknownWebhookEventTypes(names: ["message.sent"])) { try WebhookEventType.parse(["message.sent", "message.in"]).get() }
    }
}
