import Foundation
import SwitchboardCore
import Testing

/// Linking and merging contacts, and undoing a merge exactly.
@Suite struct ContactMergeContractTests {
    let admin = Viewer(operatorID: OperatorID(1), role: .admin)

    /// Two clients of the same person: one on Telegram (the desk's channel), one on Viber.
    func twoSides(_ desk: Desk) async throws -> (telegram: IngestResult, viber: IngestResult, viberChannel: Channel) {
        let viber = try await desk.makeChannel("viber")
        let telegram = try await desk.clientWrites("from telegram", from: "tg-1", at: desk.at(0))
        let viberSide = try await desk.clientWrites("from viber", from: "vb-1", on: viber.id, at: desk.at(10))
        return (telegram, viberSide, viber)
    }

    @Test(arguments: StoreFactory.all)
    func aMergeMovesEveryIdentityAndConversationToTheTarget(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let (telegram, viber, _) = try await twoSides(desk)
            let target = telegram.contactID
            let source = viber.contactID

            let (merge, events) = try await desk.store.mergeContacts(into: target, from: source, reason: .manual, by: desk.agent.id, at: desk.at(20))

            #expect(merge.targetID == target)
            #expect(merge.sourceID == source)
            #expect(merge.reason == .manual)
            #expect(merge.operatorID == desk.agent.id)
            #expect(merge.identityIDs == [viber.identityID])
            #expect(merge.mergedAt == desk.at(20))
            #expect(merge.undoneAt == nil)
            #expect(events.map(\.kind).contains(.contactMerged))
            #expect(Set(try await desk.store.identities(of: target).map(\.id)) == [telegram.identityID, viber.identityID])
            #expect(try await desk.store.identities(of: source).isEmpty)
            let conversations = try await desk.store.conversations(ofContact: target, viewer: admin).map(\.id)
            #expect(Set(conversations) == Set([telegram.conversationID, viber.conversationID].compactMap { $0 }))
            #expect(try await desk.conversationValue(try #require(viber.conversationID)).contactID == target)
            #expect(try await desk.store.merges(into: target) == [merge])
        }
    }

    @Test(arguments: StoreFactory.all)
    func aMergeCombinesFieldsAndLabelsKeepingTheTargetsFirst(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let (telegram, viber, _) = try await twoSides(desk)
            let target = telegram.contactID
            let source = viber.contactID
            _ = try await desk.store.updateContact(target, preferredName: "pani Olena", notes: "prefers mornings", at: desk.at(11))
            _ = try await desk.store.updateContact(source, preferredName: "Olenka", notes: "has two cards", at: desk.at(11))
            _ = try await desk.store.setLabels(["vip"], onContact: target, at: desk.at(12))
            _ = try await desk.store.setLabels(["refund", "vip"], onContact: source, at: desk.at(12))

            _ = try await desk.store.mergeContacts(into: target, from: source, reason: .manual, by: nil, at: desk.at(20))

            let merged = try #require(try await desk.store.contact(target))
            #expect(merged.preferredName == "pani Olena")
            #expect(merged.notes == "prefers mornings\n\nhas two cards")
            #expect(try await desk.store.labels(ofContact: target) == ["refund", "vip"])
        }
    }

    @Test(arguments: StoreFactory.all)
    func undoRestoresIdentitiesConversationsFieldsAndLabels(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let (telegram, viber, _) = try await twoSides(desk)
            let target = telegram.contactID
            let source = viber.contactID
            _ = try await desk.store.updateContact(target, preferredName: nil, notes: "prefers mornings", at: desk.at(11))
            _ = try await desk.store.updateContact(source, preferredName: "Olenka", notes: "has two cards", at: desk.at(11))
            _ = try await desk.store.setLabels(["vip"], onContact: target, at: desk.at(12))
            _ = try await desk.store.setLabels(["refund"], onContact: source, at: desk.at(12))
            let targetBefore = try await desk.store.contact(target)
            let (merge, _) = try await desk.store.mergeContacts(into: target, from: source, reason: .manual, by: nil, at: desk.at(20))

            let (undone, events) = try await desk.store.undoMerge(merge.id, at: desk.at(30))

            #expect(undone.undoneAt == desk.at(30))
            #expect(events.map(\.kind).contains(.contactUnmerged))
            #expect(try await desk.store.contact(target) == targetBefore)
            #expect(try await desk.store.identities(of: target).map(\.id) == [telegram.identityID])
            #expect(try await desk.store.identities(of: source).map(\.id) == [viber.identityID])
            #expect(try await desk.conversationValue(try #require(viber.conversationID)).contactID == source)
            #expect(try await desk.store.labels(ofContact: target) == ["vip"])
            #expect(try await desk.store.labels(ofContact: source) == ["refund"])
            #expect(try await desk.store.merges(into: target).isEmpty)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aConversationOpenedDuringTheMergeFollowsItsIdentityOnUndo(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let (telegram, viber, viberChannel) = try await twoSides(desk)
            let (merge, _) = try await desk.store.mergeContacts(
                into: telegram.contactID,
                from: viber.contactID,
                reason: .manual,
                by: nil,
                at: desk.at(20)
            )
            let viberConversation = try #require(viber.conversationID)
            _ = try await desk.store.transition(viberConversation, .resolve, at: desk.at(21))
            let later = try await desk.clientWrites(
                "after merge",
                from: "vb-1",
                on: viberChannel.id,
                at: desk.at(22 + ConversationPolicy.defaultReopenWindow)
            )
            #expect(later.contactID == telegram.contactID)

            _ = try await desk.store.undoMerge(merge.id, at: desk.at(23 + ConversationPolicy.defaultReopenWindow))

            let newConversation = try #require(later.conversationID)
            #expect(try await desk.conversationValue(newConversation).contactID == viber.contactID)
            let telegramConversation = try #require(telegram.conversationID)
            #expect(try await desk.store.conversations(ofContact: telegram.contactID, viewer: admin).map(\.id) == [telegramConversation])
        }
    }

    @Test(arguments: StoreFactory.all)
    func aMergeThatWasUndoneOrIsUnknownCannotBeUndone(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let (telegram, viber, _) = try await twoSides(desk)
            let (merge, _) = try await desk.store.mergeContacts(
                into: telegram.contactID,
                from: viber.contactID,
                reason: .manual,
                by: nil,
                at: desk.at(20)
            )
            _ = try await desk.store.undoMerge(merge.id, at: desk.at(21))

            await expectStoreError(.invalid) { try await desk.store.undoMerge(merge.id, at: desk.at(22)) }
            await expectStoreError(.notFound) { try await desk.store.undoMerge(merge.id + 1000, at: desk.at(22)) }
        }
    }

    @Test(arguments: StoreFactory.all)
    func aContactCannotBeMergedWithItselfOrOnceItWasMergedAway(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let (telegram, viber, _) = try await twoSides(desk)
            let seq = try await desk.store.latestSeq()

            await expectStoreError(.invalid) {
                try await desk.store.mergeContacts(into: telegram.contactID, from: telegram.contactID, reason: .manual, by: nil, at: desk.at(20))
            }
            #expect(try await desk.store.latestSeq() == seq)
            _ = try await desk.store.mergeContacts(into: telegram.contactID, from: viber.contactID, reason: .manual, by: nil, at: desk.at(21))
            await expectStoreError(.invalid) {
                try await desk.store.mergeContacts(into: telegram.contactID, from: viber.contactID, reason: .manual, by: nil, at: desk.at(22))
            }
            await expectStoreError(.notFound) {
                try await desk.store.mergeContacts(into: telegram.contactID, from: ContactID(9_999), reason: .manual, by: nil, at: desk.at(22))
            }
        }
    }

    @Test(arguments: StoreFactory.all)
    func aLinkCodeSentFromAnotherMessengerMergesTheContactsOnce(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let (telegram, viber, _) = try await twoSides(desk)
            try await desk.store.issueLinkCode("333333", for: telegram.identityID, at: desk.at(20), lifetime: LinkCodeRules.lifetime)

            let (outcome, events) = try await desk.store.redeemLinkCode("333333", by: viber.identityID, at: desk.at(30))

            guard case .linked(let merge) = outcome else {
                Issue.record("the right code must link, got \(outcome)")
                return
            }
            #expect(merge.targetID == telegram.contactID)
            #expect(merge.reason == .code)
            #expect(events.map(\.kind).contains(.contactMerged))
            #expect(try await desk.store.identities(of: telegram.contactID).count == 2)
            let (again, _) = try await desk.store.redeemLinkCode("333333", by: viber.identityID, at: desk.at(31))
            #expect(again == .notACode)
        }
    }

    @Test(arguments: StoreFactory.all)
    func linkCodesExpireAndWrongGuessesAreRateLimited(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let (telegram, viber, _) = try await twoSides(desk)
            #expect(try await desk.store.redeemLinkCode("123456", by: viber.identityID, at: desk.at(20)).0 == .notACode)
            try await desk.store.issueLinkCode("111111", for: telegram.identityID, at: desk.at(20), lifetime: 600)
            #expect(try await desk.store.redeemLinkCode("111111", by: viber.identityID, at: desk.at(620)).0 == .notACode)

            try await desk.store.issueLinkCode("222222", for: telegram.identityID, at: desk.at(700), lifetime: 600)
            #expect(try await desk.store.redeemLinkCode("222222", by: telegram.identityID, at: desk.at(701)).0 == .notACode)
            for wrong in 1...LinkCodeRules.maxFailedAttempts {
                #expect(try await desk.store.redeemLinkCode("00000\(wrong)", by: viber.identityID, at: desk.at(701)).0 == .wrongCode)
            }
            #expect(try await desk.store.redeemLinkCode("222222", by: viber.identityID, at: desk.at(702)).0 == .rateLimited)
            #expect(try await desk.store.identities(of: telegram.contactID).count == 1)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aLiveCodeHeldByAnotherIdentityIsAConflict(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let (telegram, viber, _) = try await twoSides(desk)
            try await desk.store.issueLinkCode("444444", for: telegram.identityID, at: desk.at(20), lifetime: 600)

            await expectStoreError(.conflict) {
                try await desk.store.issueLinkCode("444444", for: viber.identityID, at: desk.at(21), lifetime: 600)
            }
            try await desk.store.issueLinkCode("444444", for: viber.identityID, at: desk.at(621), lifetime: 600)
        }
    }

    @Test(arguments: StoreFactory.all)
    func contactsSharingAVerifiedPhoneAreOffered(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let viber = try await desk.makeChannel("viber")
            let telegram = try await desk.ingestNew(desk.text("", from: "tg-1", at: desk.at(0), phone: "380 50 123 4567"))
            let viberSide = try await desk.ingestNew(desk.text("", from: "vb-1", on: viber.id, at: desk.at(1), phone: "+380501234567"))
            let stranger = try await desk.ingestNew(desk.text("", from: "tg-2", at: desk.at(2), phone: "+380509999999"))

            #expect(try await desk.store.phoneMatches(of: telegram.contactID).map(\.id) == [viberSide.contactID])
            #expect(try await desk.store.phoneMatches(of: viberSide.contactID).map(\.id) == [telegram.contactID])
            #expect(try await desk.store.phoneMatches(of: stranger.contactID).isEmpty)
        }
    }

    @Test(arguments: StoreFactory.all)
    func repliesGoToTheConversationOfTheMessengerTheClientLastWroteFrom(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let (telegram, viber, _) = try await twoSides(desk)
            _ = try await desk.store.mergeContacts(into: telegram.contactID, from: viber.contactID, reason: .manual, by: nil, at: desk.at(20))

            #expect(try await desk.store.replyConversation(contactID: telegram.contactID, identityID: nil) == viber.conversationID)
            try await desk.clientWrites("back on telegram", from: "tg-1", at: desk.at(30))
            #expect(try await desk.store.replyConversation(contactID: telegram.contactID, identityID: nil) == telegram.conversationID)
            #expect(try await desk.store.replyConversation(contactID: telegram.contactID, identityID: viber.identityID) == viber.conversationID)
            let stranger = try await desk.clientWrites("hi", from: "tg-9", at: desk.at(31))
            #expect(try await desk.store.replyConversation(contactID: stranger.contactID, identityID: viber.identityID) == nil)
        }
    }
}
