import Foundation
import SwitchboardCore
import Testing

@Suite struct AssignmentChangeTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let anna = OperatorID(1)
    let boris = OperatorID(2)

    @Test func takingAConversationLeavesTheQueue() throws {
        let conversation = Conversation.sample(lastMessageAt: now)
        let change = try #require(try AssignmentChange.decide(conversation, to: anna, assigneeIsActive: true, by: anna, note: nil, at: now))
        #expect(change.assigneeID == anna)
        #expect(change.queuedAt == nil)
        let payload = AssignmentPayload(conversationID: conversation.id, from: nil, to: anna, byOperatorID: anna)
        #expect(change.events == [.assigned(payload, contact: conversation.contactID, at: now)])
    }

    @Test func releasingRequeuesFromNow() throws {
        let conversation = Conversation.sample(assignee: anna, lastMessageAt: now)
        let change = try #require(try AssignmentChange.decide(conversation, to: nil, assigneeIsActive: false, by: anna, note: "lunch", at: now))
        #expect(change.assigneeID == nil)
        #expect(change.queuedAt == now)
        #expect(
            change.events.first?.payload
                == .assignment(.init(conversationID: conversation.id, from: anna, to: nil, byOperatorID: anna, note: "lunch"))
        )
    }

    @Test func sameHolderChangesNothing() throws {
        let conversation = Conversation.sample(assignee: anna, lastMessageAt: now)
        #expect(try AssignmentChange.decide(conversation, to: anna, assigneeIsActive: true, by: boris, note: nil, at: now) == nil)
    }

    @Test func aTakeLosesWhenSomeoneElseTookItSinceTheOperatorLooked() {
        let conversation = Conversation.sample(assignee: boris, lastMessageAt: now)
        #expect(throws: AssignmentConflict(holder: boris)) {
            try AssignmentChange.decide(conversation, to: anna, expecting: .holder(nil), assigneeIsActive: true, by: anna, note: nil, at: now)
        }
    }

    @Test func aTakeWinsWhileTheHolderIsStillTheOneSeen() throws {
        let conversation = Conversation.sample(lastMessageAt: now)
        let change = try AssignmentChange.decide(
            conversation,
            to: anna,
            expecting: .holder(nil),
            assigneeIsActive: true,
            by: anna,
            note: nil,
            at: now
        )
        #expect(change?.assigneeID == anna)
        // Pressing Take again after winning is no conflict
        let held = Conversation.sample(assignee: anna, lastMessageAt: now)
        #expect(try AssignmentChange.decide(held, to: anna, expecting: .holder(nil), assigneeIsActive: true, by: anna, note: nil, at: now) == nil)
    }

    @Test func inactiveOperatorCannotHoldAConversation() {
        let conversation = Conversation.sample(lastMessageAt: now)
        #expect(throws: StoreError.notFound("operator \(boris)")) {
            try AssignmentChange.decide(conversation, to: boris, assigneeIsActive: false, by: anna, note: nil, at: now)
        }
    }
}

@Suite struct DepartmentTransferTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func heldConversationIsReleasedIntoTheNewDepartmentsQueue() {
        let conversation = Conversation.sample(assignee: OperatorID(1), lastMessageAt: now)
        let transfer = DepartmentTransfer(conversation, to: DepartmentID(5), by: OperatorID(1), note: "billing", at: now)
        #expect(transfer.queuedAt == now)
        #expect(transfer.events.map(\.kind) == [.conversationDepartmentChanged, .conversationAssigned])
        let change = DepartmentChangePayload(
            conversationID: conversation.id,
            from: nil,
            to: DepartmentID(5),
            byOperatorID: OperatorID(1),
            note: "billing"
        )
        #expect(transfer.events.first?.payload == .departmentChange(change))
        let release = AssignmentPayload(conversationID: conversation.id, from: OperatorID(1), to: nil, byOperatorID: OperatorID(1), note: "billing")
        #expect(transfer.events.last?.payload == .assignment(release))
    }

    @Test func unheldConversationOnlyChangesDepartment() {
        let conversation = Conversation.sample(lastMessageAt: now)
        let transfer = DepartmentTransfer(conversation, to: DepartmentID(5), by: nil, note: nil, at: now)
        #expect(transfer.events.map(\.kind) == [.conversationDepartmentChanged])
    }
}
