import Foundation
import SwitchboardCore
import Testing

@Suite struct OperatorAccountChangeTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let admin = AuditActor(kind: .operator, id: OperatorID(9), name: "Boss")

    func account(status: PresenceStatus = .online, active: Bool = true) -> OperatorAccount {
        OperatorAccount(
            operator: Operator(id: OperatorID(2), login: "maria", displayName: "Maria", role: .operator, status: status),
            active: active,
            departmentIDs: [DepartmentID(1)],
            createdAt: Date(timeIntervalSince1970: 0),
            deactivatedAt: active ? nil : Date(timeIntervalSince1970: 10)
        )
    }

    func decide(_ edit: OperatorEdit, _ before: OperatorAccount, held: [OperatorAccountChange.Held] = []) throws -> OperatorAccountChange {
        try OperatorAccountChange.decide(before, edit, by: admin, activeAdmins: 1, held: held, at: now)
    }

    @Test func deactivatingRevokesSessionsGoesOfflineAndRequeuesWhatWasHeld() throws {
        let held = [OperatorAccountChange.Held(conversationID: ConversationID(5), contactID: ContactID(7))]
        let change = try decide(OperatorEdit(active: false), account(), held: held)
        #expect(change.action == "operator.deactivated")
        #expect(change.revokesSessions)
        #expect(change.account.active == false)
        #expect(change.account.deactivatedAt == now)
        #expect(change.account.operator.status == .offline)
        #expect(change.presence?.log == PresenceLogEntry(operatorID: OperatorID(2), status: .offline, at: now, reason: .manual))
        #expect(change.requeued == [ConversationID(5)])
        #expect(change.events.map(\.kind) == [.operatorSessionsRevoked, .operatorPresenceChanged, .conversationAssigned])
        let release = AssignmentPayload(
            conversationID: ConversationID(5),
            from: OperatorID(2),
            to: nil,
            byOperatorID: OperatorID(9),
            note: "Maria was deactivated"
        )
        #expect(change.events.last == .assigned(release, contact: ContactID(7), at: now))
        #expect(change.audit?.action == "operator.deactivated")
        #expect(change.audit?.changes["active"] != nil)
    }

    @Test func anOfflineOperatorIsDeactivatedWithoutAPresenceChange() throws {
        let change = try decide(OperatorEdit(active: false), account(status: .offline))
        #expect(change.presence == nil)
        #expect(change.events.map(\.kind) == [.operatorSessionsRevoked])
    }

    @Test func reactivatingClearsTheDeactivationTime() throws {
        let change = try decide(OperatorEdit(active: true), account(status: .offline, active: false))
        #expect(change.action == "operator.reactivated")
        #expect(change.account.deactivatedAt == nil)
        #expect(!change.revokesSessions)
        #expect(change.events.isEmpty)
    }

    @Test func anEditThatChangesNothingLeavesNoAuditEntry() throws {
        let change = try decide(OperatorEdit(displayName: "Maria"), account())
        #expect(change.action == "operator.updated")
        #expect(change.audit == nil)
        let renamed = try decide(OperatorEdit(displayName: "Maria K."), account())
        #expect(renamed.audit?.changes.keys.sorted() == ["displayName"])
    }

    @Test func aCapacityBelowOneIsInvalid() {
        #expect(throws: StoreError.self) { try decide(OperatorEdit(maxConcurrent: 0), account()) }
    }

    @Test func theLastAdminCannotBeDemoted() {
        var boss = account()
        boss.operator.role = .admin
        #expect(throws: OperatorAdminRefusal.lastAdmin) { try decide(OperatorEdit(role: .operator), boss) }
    }
}

@Suite struct PresenceUpdateTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let maria = Operator(id: OperatorID(2), login: "maria", displayName: "Maria", role: .operator, status: .online)

    @Test func aNewStatusIsLoggedAndAnnounced() throws {
        let update = try #require(PresenceUpdate.decide(maria, to: .away, reason: .manual, at: now))
        #expect(update.operatorAfter.status == .away)
        #expect(update.log == PresenceLogEntry(operatorID: maria.id, status: .away, at: now, reason: .manual))
        let payload = PresencePayload(operatorID: maria.id, status: .away, previous: .online, reason: .manual)
        #expect(update.event == EventDraft(.operatorPresenceChanged, at: now, payload: .presence(payload)))
    }

    @Test func theSameStatusChangesNothing() {
        #expect(PresenceUpdate.decide(maria, to: .online, reason: .timeout, at: now) == nil)
    }
}

@Suite struct LinkCodeRedemptionTests {
    func decide(live: Bool = true, failures: Int = 0, owner: Int64? = 3, redeemer: Int64 = 8) -> LinkCodeRedemption {
        LinkCodeRedemption.decide(
            .init(otherLiveCodes: live, recentFailures: failures, codeOwner: owner.map(ContactID.init), redeemer: ContactID(redeemer))
        )
    }

    @Test func digitsAreJustAMessageWhenNobodyWaitsForACode() {
        #expect(decide(live: false) == .notACode)
        #expect(!decide(live: false).usesCode)
    }

    @Test func tooManyWrongCodesAreNotEvenChecked() {
        #expect(decide(failures: LinkCodeRules.maxFailedAttempts) == .rateLimited)
        #expect(decide(failures: LinkCodeRules.maxFailedAttempts - 1) == .merge(into: ContactID(3), from: ContactID(8)))
    }

    @Test func anUnmatchedCodeIsAWrongAttempt() {
        #expect(decide(owner: nil) == .wrongCode)
        #expect(!decide(owner: nil).usesCode)
    }

    @Test func theOlderContactStays() {
        #expect(decide(owner: 12, redeemer: 4) == .merge(into: ContactID(4), from: ContactID(12)))
        #expect(decide(owner: 12, redeemer: 4).usesCode)
    }

    @Test func oneContactAlreadyUsesTheCode() {
        #expect(decide(owner: 8, redeemer: 8) == .alreadyLinked)
        #expect(decide(owner: 8, redeemer: 8).usesCode)
    }
}

@Suite struct InboxEditRulesTests {
    let contact = Contact(id: ContactID(1), displayName: "Ivan", preferredName: "Vanya", notes: "VIP")

    @Test func aBlankPreferredNameClearsItAndNilKeepsAField() {
        #expect(contact.edited(preferredName: .some("  "), notes: nil).preferredName == nil)
        #expect(contact.edited(preferredName: .some(" Ivan P. "), notes: nil).preferredName == "Ivan P.")
        #expect(contact.edited(preferredName: .none, notes: nil) == contact)
        #expect(contact.edited(preferredName: .some(nil), notes: "new").preferredName == nil)
        #expect(contact.edited(preferredName: .none, notes: "new").notes == "new")
    }

    @Test func labelsAreStoredOnceAndInOrder() {
        #expect(LabelsPayload.normalized(["vip", "b2b", "vip"]) == ["b2b", "vip"])
    }

    @Test func aNoteNeedsText() throws {
        #expect(throws: StoreError.self) { try InternalNote.validate(" \n") }
        try InternalNote.validate("called back")
    }
}
