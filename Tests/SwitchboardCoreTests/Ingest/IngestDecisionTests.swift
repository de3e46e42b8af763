import Foundation
import SwitchboardCore
import Testing

/// The ingest rules that SQLite's transaction used to hold, decided without a database.
@Suite struct IngestDecisionTests {
    typealias F = IngestFixtures

    @Test func aFirstTimeSenderBecomesAContactWithAnIdentityAndAConversation() {
        let sender = SenderProfile(externalID: "99", displayName: "", username: "olena_k", language: "uk")
        let plan = F.decide(F.event(F.message("hello"), sender: sender), F.snapshot(returning: false))
        #expect(plan.contactID == F.ids.contact)
        #expect(plan.identityID == F.ids.identity)
        #expect(plan.conversationID == F.ids.conversation)
        #expect(plan.messageID == F.ids.message)
        guard case .createContact(let contact, _) = plan.changes.first else {
            Issue.record("no contact created: \(plan.changes)")
            return
        }
        // An empty profile name falls back to the username.
        #expect(contact.displayName == "olena_k")
        #expect(contact.language == "uk")
        #expect(plan.eventKinds == [.contactCreated, .conversationOpened, .messageCreated])
    }

    @Test func aReturningSendersProfileIsRefreshedButNeverErased() {
        let sender = SenderProfile(externalID: "42", displayName: "", username: "new_name", phone: "+380 50 123 45 67")
        let plan = F.decide(F.event(F.message("hi"), sender: sender), F.snapshot(latest: LatestConversation(conversation: F.conversation(.open))))
        var expected = F.identity
        expected.username = "new_name"
        #expect(plan.changes.contains(.updateIdentityProfile(expected)))
        #expect(plan.changes.contains(.setContactPhone(F.identity.contactID, phone: "+380 50 123 45 67")))
        #expect(plan.changes.contains(.setVerifiedPhone(F.identity.id, phone: "380501234567")))
        #expect(!plan.eventKinds.contains(.contactCreated))
    }

    @Test func anUnchangedProfileWritesNothing() {
        let plan = F.decide(F.event(F.message("hi")), F.snapshot(latest: LatestConversation(conversation: F.conversation(.open))))
        #expect(!plan.changes.contains { if case .updateIdentityProfile = $0 { true } else { false } })
    }

    @Test func aMessageStoredBeforeUnderAnotherDeliveryKeyIsADuplicate() {
        let stored = Message(
            id: MessageID(3),
            conversationID: ConversationID(7),
            direction: .inbound,
            author: .client,
            text: "hi",
            externalID: "m1",
            createdAt: F.now
        )
        let plan = F.decide(F.event(F.message("hi")), F.snapshot { $0.message = stored })
        #expect(plan.isDuplicate)
        #expect(plan.changes.isEmpty && plan.events.isEmpty)
    }

    @Test func aMessageToAnOpenConversationContinuesItAndTagsSentiment() {
        let latest = LatestConversation(conversation: F.conversation(.open, holder: OperatorID(2)), holderIsOnline: true)
        let plan = F.decide(F.event(F.message("thank you, great help")), F.snapshot(latest: latest))
        #expect(plan.conversationID == ConversationID(7))
        #expect(plan.changes.contains(.clientWrote(ConversationID(7), at: F.now, sentiment: .positive)))
        guard case .message(let message)? = plan.events.last?.payload else {
            Issue.record("last event is not the message")
            return
        }
        #expect(message.sentiment == .positive && message.id == F.ids.message)
        // An online holder keeps it: no queue, no release.
        #expect(plan.eventKinds == [.messageCreated])
    }

    @Test func aMessageWithinTheReopenWindowReopensTheResolvedConversation() {
        let latest = LatestConversation(conversation: F.conversation(.resolved, resolvedAt: F.now.addingTimeInterval(-3600)))
        let plan = F.decide(F.event(F.message("one more thing")), F.snapshot(latest: latest))
        #expect(plan.conversationID == ConversationID(7))
        #expect(plan.changes.contains(.setStatus(ConversationID(7), .open)))
        #expect(
            plan.events.first?.payload
                == .statusChange(StatusChangePayload(conversationID: ConversationID(7), from: .resolved, to: .open, reopened: true))
        )
    }

    @Test func aMessageAfterTheReopenWindowOpensANewConversationInTheChannelsDepartment() {
        let latest = LatestConversation(conversation: F.conversation(.resolved, resolvedAt: F.now.addingTimeInterval(-8 * 24 * 3600)))
        let channel = IngestChannel(id: F.channel, defaultDepartmentID: DepartmentID(3))
        let plan = F.decide(F.event(F.message("hello again")), F.snapshot(latest: latest, channel: channel))
        #expect(plan.conversationID == F.ids.conversation)
        guard case .openConversation(let conversation, _)? = plan.changes.first(where: { if case .openConversation = $0 { true } else { false } })
        else {
            Issue.record("no conversation opened")
            return
        }
        #expect(conversation.departmentID == DepartmentID(3))
    }

    @Test(arguments: [(false, true), (true, false)])
    func anAutomaticCloseDecidesWhetherTheNextMessageReopens(reopens: Bool, opensNew: Bool) {
        let latest = LatestConversation(
            conversation: F.conversation(.resolved, resolvedAt: F.now.addingTimeInterval(-60)),
            autoCloseReopens: reopens
        )
        let plan = F.decide(F.event(F.message("hi")), F.snapshot(latest: latest))
        #expect((plan.conversationID == F.ids.conversation) == opensNew)
        // A reopening forgets the automatic close, so a later resolve is an ordinary one.
        #expect(plan.changes.contains(.forgetAutoClose(ConversationID(7))) == !opensNew)
    }

    @Test func anEscalationWordJumpsTheQueueOnce() {
        let plan = F.decide(F.event(F.message("I need an operator please")), F.snapshot(returning: false))
        #expect(plan.changes.contains(.escalate(F.ids.conversation, at: F.now)))
        #expect(plan.eventKinds.last == .conversationEscalated)
        guard case .escalation(let payload)? = plan.events.last?.payload else { return }
        #expect(payload.trigger == "operator" && payload.messageID == F.ids.message)

        let already = LatestConversation(conversation: F.conversation(.open), isEscalated: true, queuedAt: F.now)
        let again = F.decide(F.event(F.message("operator!!")), F.snapshot(latest: already))
        #expect(!again.eventKinds.contains(.conversationEscalated))
        #expect(!again.changes.contains { if case .escalate = $0 { true } else { false } })
    }

    @Test func wholeWordsOnlyEscalate() {
        let plan = F.decide(F.event(F.message("our cooperator sent it")), F.snapshot(returning: false))
        #expect(!plan.eventKinds.contains(.conversationEscalated))
    }

    @Test func aNewConversationEntersTheQueueAndKeepsItsFirstQueueTime() {
        let fresh = F.decide(F.event(F.message("hi")), F.snapshot(returning: false))
        #expect(fresh.changes.contains(.enterQueue(F.ids.conversation, at: F.now)))
        let waiting = LatestConversation(conversation: F.conversation(.open), queuedAt: F.now.addingTimeInterval(-300))
        let later = F.decide(F.event(F.message("still there?")), F.snapshot(latest: waiting))
        #expect(!later.changes.contains { if case .enterQueue = $0 { true } else { false } })
    }

    @Test func anAbsentHolderIsReleasedWhenTheClientComesBackAfterResolution() {
        let latest = LatestConversation(
            conversation: F.conversation(.resolved, holder: OperatorID(4), resolvedAt: F.now.addingTimeInterval(-60)),
            holderIsOnline: false
        )
        let plan = F.decide(F.event(F.message("it broke again")), F.snapshot(latest: latest))
        #expect(plan.changes.contains(.release(ConversationID(7), previousHolder: OperatorID(4))))
        #expect(plan.eventKinds == [.conversationStatusChanged, .messageCreated, .conversationAssigned])
    }

    @Test func anAbsentHolderKeepsAnOpenConversationUnlessTheClientAsksForAHuman() {
        let latest = LatestConversation(conversation: F.conversation(.open, holder: OperatorID(4)))
        let quiet = F.decide(F.event(F.message("any news?")), F.snapshot(latest: latest))
        #expect(!quiet.changes.contains { if case .release = $0 { true } else { false } })
        let asking = F.decide(F.event(F.message("give me a human")), F.snapshot(latest: latest))
        #expect(asking.changes.contains(.release(ConversationID(7), previousHolder: OperatorID(4))))
        #expect(asking.eventKinds.suffix(2) == [.conversationAssigned, .conversationEscalated])
    }

    @Test func aNewConversationWaitsForADepartmentChoiceOnlyWhereOneIsOffered() {
        let asking = IngestChannel(id: F.channel, asksDepartment: true, departmentsExist: true)
        let plan = F.decide(F.event(F.message("hi")), F.snapshot(returning: false, channel: asking))
        #expect(plan.changes.contains(.awaitDepartmentChoice(F.ids.conversation)))
        let noDepartments = IngestChannel(id: F.channel, asksDepartment: true, departmentsExist: false)
        let none = F.decide(F.event(F.message("hi")), F.snapshot(returning: false, channel: noDepartments))
        #expect(!none.changes.contains(.awaitDepartmentChoice(F.ids.conversation)))
        // A client who asks for a human is not kept waiting for the choice.
        let escalated = F.decide(F.event(F.message("operator")), F.snapshot(returning: false, channel: asking))
        #expect(!escalated.changes.contains(.awaitDepartmentChoice(F.ids.conversation)))
    }

    @Test func aDepartmentButtonQueuesTheConversationThereOnlyWhileItWaits() {
        let waiting = LatestConversation(conversation: F.conversation(.open, department: DepartmentID(1)), awaitsDepartment: true)
        let press = F.event(.buttonPress(action: DepartmentChoice.action(for: DepartmentID(2))))
        let plan = F.decide(press, F.snapshot(latest: waiting) { $0.pressedDepartmentExists = true })
        #expect(plan.changes == [.chooseDepartment(ConversationID(7), DepartmentID(2), at: F.now)])
        #expect(plan.eventKinds == [.conversationDepartmentChanged, .buttonPressed])
        #expect(plan.events.last?.payload == .buttonPress(ButtonPressPayload(conversationID: ConversationID(7), action: "dept:2", applied: true)))

        let chosen = LatestConversation(conversation: F.conversation(.open, department: DepartmentID(1)), awaitsDepartment: false)
        let stale = F.decide(press, F.snapshot(latest: chosen) { $0.pressedDepartmentExists = true })
        #expect(stale.changes.isEmpty)
        #expect(stale.events.last?.payload == .buttonPress(ButtonPressPayload(conversationID: ConversationID(7), action: "dept:2", applied: false)))
        let unknown = F.decide(press, F.snapshot(latest: waiting) { $0.pressedDepartmentExists = false })
        #expect(unknown.changes.isEmpty)
    }

    @Test func feedbackButtonsMoveTheQuestionsOn() {
        let feedback = ConversationFeedback(conversationID: ConversationID(7), stage: .askedResolved, askedAt: F.now, updatedAt: F.now)
        let latest = LatestConversation(conversation: F.conversation(.resolved, resolvedAt: F.now), feedback: feedback)
        let plan = F.decide(F.event(.buttonPress(action: FeedbackFlow.resolvedAction(true))), F.snapshot(latest: latest))
        guard case .saveFeedback(let next)? = plan.changes.first else {
            Issue.record("feedback not saved: \(plan.changes)")
            return
        }
        #expect(next.stage == .askedScore && next.resolved == true)
        #expect(plan.eventKinds == [.conversationFeedback, .buttonPressed])
    }

    @Test func theAnswerToWhatWentWrongIsTheCommentNotAMessage() {
        let feedback = ConversationFeedback(conversationID: ConversationID(7), stage: .askedComment, score: 2, askedAt: F.now, updatedAt: F.now)
        let latest = LatestConversation(conversation: F.conversation(.resolved, resolvedAt: F.now), feedback: feedback)
        let plan = F.decide(F.event(F.message("  too slow  ")), F.snapshot(latest: latest))
        #expect(plan.messageID == nil && plan.conversationID == ConversationID(7))
        #expect(plan.eventKinds == [.conversationFeedback])
        guard case .saveFeedback(let next)? = plan.changes.first else { return }
        #expect(next.comment == "too slow" && next.stage == .done)
    }

    @Test func writingInsteadOfAnsweringSkipsTheQuestionsAndIsAMessage() {
        let feedback = ConversationFeedback(conversationID: ConversationID(7), stage: .askedScore, askedAt: F.now, updatedAt: F.now)
        let latest = LatestConversation(conversation: F.conversation(.resolved, resolvedAt: F.now), feedback: feedback)
        let plan = F.decide(F.event(F.message("another question")), F.snapshot(latest: latest))
        #expect(plan.messageID == F.ids.message)
        #expect(plan.eventKinds.first == .conversationFeedback)
        guard case .saveFeedback(let next)? = plan.changes.first(where: { if case .saveFeedback = $0 { true } else { false } }) else { return }
        #expect(next.stage == .skipped)
    }

    @Test func theClientsNextWordsAnswerHowToAddressThem() {
        let asked = Contact(id: F.identity.contactID, displayName: "Olena K")
        let latest = LatestConversation(conversation: F.conversation(.open))
        let plan = F.decide(F.event(F.message("  Olena  ")), F.snapshot(latest: latest) { $0.contactAskedForAddress = asked })
        #expect(plan.changes.contains(.setPreferredName(asked.id, name: "Olena")))
        #expect(plan.eventKinds.last == .contactUpdated)
        let code = F.decide(F.event(F.message("123 456")), F.snapshot(latest: latest) { $0.contactAskedForAddress = asked })
        #expect(!code.eventKinds.contains(.contactUpdated))
    }

    @Test func anEditKeepsThePreviousTextAndAnUnseenEditIsAMessage() {
        let stored = Message(
            id: MessageID(3),
            conversationID: ConversationID(7),
            direction: .inbound,
            author: .client,
            text: "helo",
            externalID: "m1",
            createdAt: F.now
        )
        let edit = F.event(.edit(externalMessageID: "m1", text: "hello"))
        let plan = F.decide(edit, F.snapshot { $0.message = stored })
        #expect(plan.changes.contains(.editMessage(MessageID(3), previousText: "helo", text: "hello", at: F.now)))
        #expect(plan.eventKinds == [.messageEdited])
        let unseen = F.decide(edit, F.snapshot(latest: LatestConversation(conversation: F.conversation(.open))))
        #expect(unseen.messageID == F.ids.message && unseen.eventKinds.contains(.messageCreated))
    }

    @Test func deliveryReportsOnlyMoveForwardAndEarlyOnesAreKept() {
        var sent = Message(
            id: MessageID(9),
            conversationID: ConversationID(7),
            direction: .outbound,
            author: .bot,
            text: "hi",
            externalID: "x1",
            createdAt: F.now
        )
        sent.deliveryState = .sent
        let delivered = F.decide(F.event(.delivery(externalMessageID: "x1", state: .delivered, reason: nil)), F.snapshot { $0.message = sent })
        #expect(delivered.changes.contains(.setDelivery(MessageID(9), .delivered, reason: nil)))
        sent.deliveryState = .seen
        let backwards = F.decide(F.event(.delivery(externalMessageID: "x1", state: .delivered, reason: nil)), F.snapshot { $0.message = sent })
        #expect(backwards.events.isEmpty)
        let early = F.decide(F.event(.delivery(externalMessageID: "x2", state: .seen, reason: nil)), F.snapshot())
        #expect(early.changes.contains(.keepEarlyReceipt(F.channel, externalID: "x2", .seen, reason: nil, at: F.now)))
    }

    @Test func reachabilityUpdatesTheIdentity() {
        let plan = F.decide(F.event(.reachability(isReachable: false)), F.snapshot())
        #expect(plan.changes.contains(.setReachable(F.identity.id, false)))
        guard case .identity(let identity)? = plan.events.first?.payload else { return }
        #expect(!identity.isReachable)
    }

    @Test func unsupportedUpdatesAreStoredAndShown() {
        let plan = F.decide(F.event(.unsupported(kind: "poll", rawJSON: "{}")), F.snapshot(returning: false))
        guard case .insertClientMessage(let message, _)? = plan.changes.first(where: { if case .insertClientMessage = $0 { true } else { false } })
        else {
            Issue.record("nothing stored")
            return
        }
        #expect(message.attachments.first?.kind == .unsupported)
    }
}
