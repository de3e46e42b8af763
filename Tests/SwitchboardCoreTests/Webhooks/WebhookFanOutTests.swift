import Foundation
import SwitchboardCore
import Testing

@Suite struct WebhookFanOutTests {
    static let at = Date(timeIntervalSince1970: 1_800_000_000)

    func webhook(_ id: Int64, _ types: [WebhookEventType], enabled: Bool = true, startSeq: Int64 = 0) -> OutgoingWebhook {
        OutgoingWebhook(
            id: OutgoingWebhookID(id),
            url: "https://hooks.example/\(id)",
            eventTypes: types,
            description: "",
            enabled: enabled,
            startSeq: startSeq,
            createdAt: Self.at
        )
    }

    func opened(_ seq: Int64) throws -> Event {
        let conversation = Conversation(
            id: ConversationID(5),
            contactID: ContactID(3),
            channelID: ChannelID(1),
            identityID: IdentityID(2),
            status: .open,
            openedAt: Self.at,
            lastMessageAt: Self.at
        )
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        let payload = String(decoding: try encoder.encode(conversation), as: UTF8.self)
        return Event(
            seq: seq,
            kind: .conversationOpened,
            occurredAt: Self.at,
            contactID: ContactID(3),
            conversationID: ConversationID(5),
            payload: payload
        )
    }

    @Test func eachEnabledSubscriberGetsTheEventsItChoseInSeqOrder() throws {
        let events = [try opened(10), Event(seq: 11, kind: .contactCreated, occurredAt: Self.at), try opened(12)]
        let hooks = [webhook(1, [.conversationOpened]), webhook(2, [.messageIn]), webhook(3, [.conversationOpened], enabled: false)]

        let drafts = WebhookFanOut.plan(events: events, webhooks: hooks, now: Self.at)

        #expect(drafts.map(\.webhookID) == [OutgoingWebhookID(1), OutgoingWebhookID(1)])
        #expect(drafts.map(\.seq) == [10, 12])
        #expect(drafts.allSatisfy { $0.type == .conversationOpened && $0.queuedAt == Self.at })
        #expect(try WebhookBody.decode(Data(drafts[0].body.utf8)).data.channelID == 1)
    }

    @Test func anEndpointDoesNotGetEventsFromBeforeItWasRegistered() throws {
        let drafts = WebhookFanOut.plan(
            events: [try opened(10), try opened(12)],
            webhooks: [webhook(1, [.conversationOpened], startSeq: 10)],
            now: Self.at
        )
        #expect(drafts.map(\.seq) == [12])
    }
}
