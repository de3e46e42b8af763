import Foundation
import SQLiteStore
import SwitchboardCore
import TestSupport
import Testing

@Suite struct OutboxTests {
    func openConversation(_ fixture: StoreFixture) async throws -> ConversationID {
        guard case .new(let result) = try await fixture.store.ingest(InboundEvents.text("hi", channel: fixture.channel.id)),
            let id = result.conversationID
        else { throw StoreError.invalid("no conversation") }
        return id
    }

    @Test func replyIsQueuedWithItsOutboxRowBeforeAnySend() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let conversation = try await openConversation(fixture)
        let now = Date(timeIntervalSince1970: 1_800_000_010)

        let reply = try await fixture.store.enqueueReply(
            ReplyDraft(conversationID: conversation, operatorID: fixture.agent.id, text: "Hello!"),
            at: now
        )

        #expect(reply.message.deliveryState == .queued)
        #expect(reply.events.map(\.kind) == [.messageCreated])
        #expect(try DatabaseInspector(path: fixture.path).count("outbox") == 1)
        #expect(try await fixture.store.conversation(conversation)?.firstResponseAt == now)
        #expect(try await fixture.store.nextOutboxDue() == now)
    }

    @Test func emptyReplyIsRefused() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let conversation = try await openConversation(fixture)
        await #expect(throws: StoreError.self) {
            try await fixture.store.enqueueReply(ReplyDraft(conversationID: conversation, operatorID: fixture.agent.id, text: "  "), at: Date())
        }
        #expect(try DatabaseInspector(path: fixture.path).count("outbox") == 0)
    }

    @Test func claimLeasesOneRowPerConversationInOrder() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let conversation = try await openConversation(fixture)
        let now = Date(timeIntervalSince1970: 1_800_000_010)
        let first = try await fixture.store.enqueueReply(ReplyDraft(conversationID: conversation, operatorID: fixture.agent.id, text: "1"), at: now)
        let second = try await fixture.store.enqueueReply(ReplyDraft(conversationID: conversation, operatorID: fixture.agent.id, text: "2"), at: now)

        let claimed = try await fixture.store.claimOutbox(limit: 10, now: now, lease: 30)
        #expect(claimed.map(\.message.messageID) == [first.message.id])
        #expect(claimed.first?.message.sender == Persona(name: "Maria"))
        #expect(claimed.first?.message.recipientExternalID == "u-1")
        #expect(try await fixture.store.claimOutbox(limit: 10, now: now, lease: 30).isEmpty)

        _ = try await fixture.store.recordDelivery(.sent(first.message.id, externalMessageID: "t-1"), at: now)
        #expect(try await fixture.store.claimOutbox(limit: 10, now: now, lease: 30).map(\.message.messageID) == [second.message.id])
    }

    @Test func expiredLeaseMakesARowClaimableAgain() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let conversation = try await openConversation(fixture)
        let now = Date(timeIntervalSince1970: 1_800_000_010)
        _ = try await fixture.store.enqueueReply(ReplyDraft(conversationID: conversation, operatorID: fixture.agent.id, text: "1"), at: now)

        _ = try await fixture.store.claimOutbox(limit: 10, now: now, lease: 30)

        #expect(try await fixture.store.claimOutbox(limit: 10, now: now.addingTimeInterval(29), lease: 30).isEmpty)
        #expect(try await fixture.store.claimOutbox(limit: 10, now: now.addingTimeInterval(30), lease: 30).count == 1)
    }

    @Test func deliveryReportsMoveStateForwardOnly() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let conversation = try await openConversation(fixture)
        let reply = try await fixture.store.enqueueReply(
            ReplyDraft(conversationID: conversation, operatorID: fixture.agent.id, text: "1"),
            at: Date()
        )
        _ = try await fixture.store.recordDelivery(.sent(reply.message.id, externalMessageID: "ext-9"), at: Date())
        let channel = fixture.channel.id

        _ = try await fixture.store.ingest(InboundEvents.event(.delivery(externalMessageID: "ext-9", state: .seen, reason: nil), channel: channel))
        let late = try await fixture.store.ingest(
            InboundEvents.event(.delivery(externalMessageID: "ext-9", state: .delivered, reason: nil), channel: channel)
        )

        let stored = try await fixture.store.messages(in: conversation).last
        #expect(stored?.deliveryState == .seen)
        guard case .new(let result) = late else {
            Issue.record("expected new")
            return
        }
        #expect(result.events.isEmpty)
    }

    @Test func receiptArrivingBeforeSentIsAppliedWhenSentIsRecorded() async throws {
        // Given a reply the messenger accepted and reported as seen before we recorded "sent"
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let conversation = try await openConversation(fixture)
        let reply = try await fixture.store.enqueueReply(
            ReplyDraft(conversationID: conversation, operatorID: fixture.agent.id, text: "1"),
            at: Date()
        )
        let channel = fixture.channel.id
        _ = try await fixture.store.ingest(
            InboundEvents.event(.delivery(externalMessageID: "tok-7", state: .delivered, reason: nil), channel: channel)
        )
        _ = try await fixture.store.ingest(InboundEvents.event(.delivery(externalMessageID: "tok-7", state: .seen, reason: nil), channel: channel))

        // When "sent" is recorded with that token
        let events = try await fixture.store.recordDelivery(.sent(reply.message.id, externalMessageID: "tok-7"), at: Date())

        // Then the message is seen, both changes are published, and nothing is left waiting
        #expect(try await fixture.store.messages(in: conversation).last?.deliveryState == .seen)
        #expect(events.map(\.kind) == [.messageDelivery, .messageDelivery])
        #expect(events.last?.payload.contains(#""state":"seen""#) == true)
        #expect(try DatabaseInspector(path: fixture.path).count("early_receipts") == 0)
    }
}
