import Foundation
import SQLiteStore
import SwitchboardCore
import TestSupport
import Testing

@Suite struct ContactMergeTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let admin = Viewer(operatorID: OperatorID(1), role: .admin)

    /// A client on one channel with messages, an operator reply, a note and feedback, in that order.
    func history(_ fixture: StoreFixture, channel: ChannelID, user: String, offset: TimeInterval) async throws -> ConversationID {
        let store = fixture.store
        var conversation: ConversationID?
        for (index, text) in ["hello from \(user)", "second from \(user)"].enumerated() {
            let at = start.addingTimeInterval(offset + Double(index))
            guard case .new(let result) = try await store.ingest(InboundEvents.text(text, channel: channel, from: user, at: at)) else {
                throw StoreError.invalid("not ingested")
            }
            conversation = result.conversationID
        }
        let id = try #require(conversation)
        _ = try await store.enqueueReply(ReplyDraft(conversationID: id, operatorID: fixture.agent.id, text: "reply to \(user)"), at: start)
        _ = try await store.addNote(conversationID: id, operatorID: fixture.agent.id, text: "note about \(user)", at: start)
        _ = try await store.ingest(InboundEvents.text("csat:5", channel: channel, from: user, at: start.addingTimeInterval(offset + 5)))
        return id
    }

    func timeline(_ store: any InboxStore, _ contact: ContactID) async throws -> [MessageID] {
        try await store.timeline(contactID: contact, viewer: Viewer(operatorID: OperatorID(1), role: .admin), before: nil, limit: 200).map(
            \.message.id
        )
    }

    @Test func mergeAndUndoKeepEveryMessageNoteAndFeedbackExactlyOnceInOrder() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let store = fixture.store
        let viber = try await store.createChannel(
            ChannelDraft(kind: .viber, name: "viber", mode: .webhook, persona: Persona(name: "Acme")),
            at: Date()
        )
        let first = try await history(fixture, channel: fixture.channel.id, user: "tg-1", offset: 0)
        let second = try await history(fixture, channel: viber.id, user: "vb-1", offset: 100)
        let target = try #require(try await store.conversation(first)).contactID
        let source = try #require(try await store.conversation(second)).contactID
        _ = try await store.updateContact(target, preferredName: "pani Olena", notes: "prefers mornings", at: start)
        _ = try await store.updateContact(source, preferredName: nil, notes: "has two cards", at: start)
        _ = try await store.setLabels(["vip"], onContact: target, at: start)
        _ = try await store.setLabels(["refund"], onContact: source, at: start)
        let targetBefore = try await timeline(store, target)
        let sourceBefore = try await timeline(store, source)
        let contactBefore = try await store.contact(target)
        #expect(targetBefore.count == 5)
        #expect(sourceBefore.count == 5)

        // When the source is merged into the target.
        let (merge, events) = try await store.mergeContacts(into: target, from: source, reason: .manual, by: fixture.agent.id, at: start)

        // Then one contact owns both identities and one history holds all ten entries, newest first, once each.
        #expect(events.map(\.kind).contains(.contactMerged))
        #expect(try await store.identities(of: target).count == 2)
        #expect(try await store.identities(of: source).isEmpty)
        let merged = try await timeline(store, target)
        #expect(merged == (targetBefore + sourceBefore).sorted(by: >))
        #expect(Set(merged).count == 10)
        #expect(try await timeline(store, source).isEmpty)
        #expect(try await store.conversations(ofContact: target, viewer: admin).count == 2)
        let mergedContact = try #require(try await store.contact(target))
        #expect(mergedContact.preferredName == "pani Olena")
        #expect(mergedContact.notes == "prefers mornings\n\nhas two cards")
        #expect(try await store.labels(ofContact: target) == ["refund", "vip"])
        #expect(try await store.merges(into: target).map(\.id) == [merge.id])
        await #expect(throws: StoreError.self) {
            try await store.mergeContacts(into: target, from: source, reason: .manual, by: nil, at: self.start)
        }

        // A message on the merged identity after the merge belongs to the source again after undo.
        _ = try await store.ingest(InboundEvents.text("after merge", channel: viber.id, from: "vb-1", at: start.addingTimeInterval(200)))
        let late = try #require(
            try await store.timeline(contactID: target, viewer: Viewer(operatorID: OperatorID(1), role: .admin), before: nil, limit: 1).first?.message
                .id
        )

        // When the merge is undone.
        _ = try await store.undoMerge(merge.id, at: start)

        // Then each contact has exactly its own history and fields again.
        #expect(try await timeline(store, target) == targetBefore)
        #expect(try await timeline(store, source) == [late] + sourceBefore)
        #expect(try await store.contact(target) == contactBefore)
        #expect(try await store.labels(ofContact: target) == ["vip"])
        #expect(try await store.labels(ofContact: source) == ["refund"])
        #expect(try await store.identities(of: source).map(\.externalID) == ["vb-1"])
        #expect(try await store.merges(into: target).isEmpty)
        await #expect(throws: StoreError.self) { try await store.undoMerge(merge.id, at: self.start) }
    }

    @Test func linkCodesAreSingleUseExpireAndStopAfterFiveWrongTries() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let store = fixture.store
        let viber = try await store.createChannel(
            ChannelDraft(kind: .viber, name: "viber", mode: .webhook, persona: Persona(name: "Acme")),
            at: Date()
        )
        let telegramConversation = try await history(fixture, channel: fixture.channel.id, user: "tg-1", offset: 0)
        let viberConversation = try await history(fixture, channel: viber.id, user: "vb-1", offset: 100)
        let telegram = try #require(try await store.conversation(telegramConversation))
        let viberSide = try #require(try await store.conversation(viberConversation))

        // Six digits with no live code anywhere are an ordinary message, not an attempt.
        #expect(try await store.redeemLinkCode("123456", by: viberSide.identityID, at: start).0 == .notACode)

        // An expired code does not link.
        try await store.issueLinkCode("111111", for: telegram.identityID, at: start, lifetime: LinkCodeRules.lifetime)
        #expect(try await store.redeemLinkCode("111111", by: viberSide.identityID, at: start.addingTimeInterval(601)).0 == .notACode)

        // Five wrong codes, then even the right one is refused for a while.
        try await store.issueLinkCode("222222", for: telegram.identityID, at: start, lifetime: LinkCodeRules.lifetime)
        #expect(try await store.redeemLinkCode("222222", by: telegram.identityID, at: start).0 == .notACode)
        for wrong in ["000001", "000002", "000003", "000004", "000005"] {
            #expect(try await store.redeemLinkCode(wrong, by: viberSide.identityID, at: start).0 == .wrongCode)
        }
        #expect(try await store.redeemLinkCode("222222", by: viberSide.identityID, at: start).0 == .rateLimited)

        // After the window the right code links, once.
        let later = start.addingTimeInterval(LinkCodeRules.attemptWindow - 1)
        try await store.issueLinkCode("333333", for: telegram.identityID, at: later, lifetime: LinkCodeRules.lifetime)
        let after = later.addingTimeInterval(2)
        guard case .linked(let merge) = try await store.redeemLinkCode("333333", by: viberSide.identityID, at: after).0 else {
            Issue.record("the right code must link")
            return
        }
        #expect(merge.targetID == telegram.contactID)
        #expect(merge.reason == .code)
        #expect(try await store.identities(of: telegram.contactID).count == 2)
        #expect(try await store.redeemLinkCode("333333", by: viberSide.identityID, at: after).0 != .linked(merge))
    }

    @Test func sharedPhonesAreOfferedAndTheAnswerToTheAddressQuestionIsCaptured() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let store = fixture.store
        let viber = try await store.createChannel(
            ChannelDraft(kind: .viber, name: "viber", mode: .webhook, persona: Persona(name: "Acme")),
            at: Date()
        )
        func shares(_ phone: String, on channel: ChannelID, from user: String) -> InboundEvent {
            InboundEvent(
                channelID: channel,
                deliveryKey: UUID().uuidString,
                sender: SenderProfile(externalID: user, displayName: "Olena", phone: phone),
                occurredAt: start,
                payload: .message(externalMessageID: UUID().uuidString, text: "", attachments: [], contextKey: nil)
            )
        }
        guard case .new(let telegram) = try await store.ingest(shares("380 50 123 4567", on: fixture.channel.id, from: "tg-1")),
            case .new(let viberSide) = try await store.ingest(shares("+380501234567", on: viber.id, from: "vb-1"))
        else { throw StoreError.invalid("not ingested") }
        #expect(try await store.phoneMatches(of: telegram.contactID).map(\.id) == [viberSide.contactID])
        #expect(try await store.phoneMatches(of: viberSide.contactID).map(\.id) == [telegram.contactID])

        try await store.setAskingAddress(telegram.contactID, true)
        _ = try await store.ingest(InboundEvents.text("link", channel: fixture.channel.id, from: "tg-1", at: start))
        _ = try await store.ingest(InboundEvents.text("123 456", channel: fixture.channel.id, from: "tg-1", at: start))
        #expect(try await store.contact(telegram.contactID)?.preferredName == nil)
        _ = try await store.ingest(InboundEvents.text("  Olena Petrivna ", channel: fixture.channel.id, from: "tg-1", at: start))
        _ = try await store.ingest(InboundEvents.text("and another thing", channel: fixture.channel.id, from: "tg-1", at: start))
        #expect(try await store.contact(telegram.contactID)?.preferredName == "Olena Petrivna")
    }
}
