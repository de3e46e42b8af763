import Foundation
import SwitchboardCore
import Testing

@Suite struct AssignmentPlanTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let anna = OperatorID(1)
    let boris = OperatorID(2)

    func waiting(_ id: Int64, contact: Int64? = nil, department: DepartmentID? = nil, previous: OperatorID? = nil) -> AssignmentSnapshot.Waiting {
        AssignmentSnapshot.Waiting(
            conversationID: ConversationID(id),
            contactID: ContactID(contact ?? id),
            departmentID: department,
            waitingSince: now.addingTimeInterval(-600),
            previousAssignee: previous
        )
    }

    @Test func eachWaitingConversationGetsAnOperatorWithItsEventAndTurn() {
        let snapshot = AssignmentSnapshot(
            waiting: [waiting(10), waiting(11)],
            candidates: [AssignmentCandidate(operatorID: anna, load: 0, capacity: 2), AssignmentCandidate(operatorID: boris, load: 1, capacity: 2)],
            turn: 5
        )
        let plan = AssignmentPlan(snapshot, at: now)
        // Least loaded by default: Anna first, then Anna again (load 1, turn 6) against Boris (load 1, turn 0) goes to Boris.
        #expect(
            plan.assignments == [
                .init(conversationID: ConversationID(10), operatorID: anna, turn: 6),
                .init(conversationID: ConversationID(11), operatorID: boris, turn: 7),
            ]
        )
        let first = AssignmentPayload(conversationID: ConversationID(10), from: nil, to: anna, reason: .strategy)
        #expect(plan.events.first == .assigned(first, contact: ContactID(10), at: now))
        #expect(plan.events.count == 2)
    }

    @Test func fullOperatorsLeaveTheRestWaiting() {
        let snapshot = AssignmentSnapshot(
            waiting: [waiting(10), waiting(11), waiting(12)],
            candidates: [AssignmentCandidate(operatorID: anna, load: 1, capacity: 2)]
        )
        let plan = AssignmentPlan(snapshot, at: now)
        #expect(plan.assignments.map(\.conversationID) == [ConversationID(10)])
    }

    @Test func aBannedClientsConversationIsNeverAssigned() {
        var banned = waiting(10)
        banned.contactBanned = true
        let snapshot = AssignmentSnapshot(waiting: [banned, waiting(11)], candidates: [AssignmentCandidate(operatorID: anna, load: 0, capacity: 2)])
        let plan = AssignmentPlan(snapshot, at: now)
        #expect(plan.assignments.map(\.conversationID) == [ConversationID(11)])
    }

    @Test func onlyDepartmentMembersTakeItsConversations() {
        let sales = DepartmentID(3)
        let snapshot = AssignmentSnapshot(
            waiting: [waiting(10, department: sales)],
            candidates: [AssignmentCandidate(operatorID: anna, load: 0, capacity: 2), AssignmentCandidate(operatorID: boris, load: 1, capacity: 2)],
            members: [sales: [boris]]
        )
        let plan = AssignmentPlan(snapshot, at: now)
        #expect(plan.assignments.map(\.operatorID) == [boris])
        #expect(
            plan.events.first.map { $0.payload }
                == .assignment(.init(conversationID: ConversationID(10), from: nil, to: boris, reason: .strategy, departmentID: sales))
        )
    }

    @Test func departmentWithoutOnlineMembersWaits() {
        let snapshot = AssignmentSnapshot(
            waiting: [waiting(10, department: DepartmentID(3))],
            candidates: [AssignmentCandidate(operatorID: anna, load: 0, capacity: 2)]
        )
        #expect(AssignmentPlan(snapshot, at: now).assignments.isEmpty)
    }

    @Test func returningClientGoesToTheOperatorOfTheirLatestConversation() {
        let snapshot = AssignmentSnapshot(
            waiting: [waiting(10, contact: 7)],
            candidates: [AssignmentCandidate(operatorID: anna, load: 0, capacity: 2), AssignmentCandidate(operatorID: boris, load: 1, capacity: 2)],
            latestHolders: [ContactID(7): .init(conversationID: ConversationID(4), operatorID: boris)]
        )
        let plan = AssignmentPlan(snapshot, at: now)
        #expect(plan.assignments.map(\.operatorID) == [boris])
        #expect(plan.events.first.map { $0.payload } == .assignment(.init(conversationID: ConversationID(10), from: nil, to: boris, reason: .sticky)))
    }

    @Test func releasedConversationPrefersItsPreviousHolder() {
        let snapshot = AssignmentSnapshot(
            waiting: [waiting(10, contact: 7, previous: anna)],
            candidates: [AssignmentCandidate(operatorID: anna, load: 1, capacity: 2), AssignmentCandidate(operatorID: boris, load: 0, capacity: 2)],
            latestHolders: [ContactID(7): .init(conversationID: ConversationID(4), operatorID: boris)]
        )
        #expect(AssignmentPlan(snapshot, at: now).assignments.map(\.operatorID) == [anna])
    }

    @Test func secondWaitingConversationOfAClientFollowsTheFirstInTheSamePass() {
        // Given a client with two waiting conversations and no history, round robin would alternate
        let snapshot = AssignmentSnapshot(
            waiting: [waiting(11, contact: 7), waiting(10, contact: 7)],
            candidates: [AssignmentCandidate(operatorID: anna, load: 0, capacity: 2), AssignmentCandidate(operatorID: boris, load: 0, capacity: 2)],
            defaultRouting: QueueRouting(strategy: .roundRobin, sticky: true)
        )
        // Then the second sticks to whoever took the first
        #expect(AssignmentPlan(snapshot, at: now).assignments.map(\.operatorID) == [anna, anna])
    }

    @Test func clientStillPickingADepartmentWaitsBriefly() {
        let candidates = [AssignmentCandidate(operatorID: anna, load: 0, capacity: 2)]
        var fresh = waiting(10)
        fresh.awaitingDepartment = true
        fresh.waitingSince = now.addingTimeInterval(-30)
        #expect(AssignmentPlan(AssignmentSnapshot(waiting: [fresh], candidates: candidates), at: now).assignments.isEmpty)
        fresh.waitingSince = now.addingTimeInterval(-ChannelRouting.departmentChoiceWait - 1)
        #expect(AssignmentPlan(AssignmentSnapshot(waiting: [fresh], candidates: candidates), at: now).assignments.count == 1)
    }
}
