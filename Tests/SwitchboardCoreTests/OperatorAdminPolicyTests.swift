import Foundation
import SwitchboardCore
import Testing

@Suite struct OperatorAdminPolicyTests {
    func account(_ id: Int64, _ role: OperatorRole, active: Bool = true) -> OperatorAccount {
        OperatorAccount(
            operator: Operator(id: OperatorID(id), login: "op\(id)", displayName: "Op \(id)", role: role),
            active: active,
            departmentIDs: [],
            createdAt: Date(timeIntervalSince1970: 0)
        )
    }

    @Test func theLastActiveAdminCanBeNeitherDemotedNorDeactivated() {
        let admin = account(1, .admin)
        let demoted = OperatorEdit(role: .supervisor).applied(to: admin)
        let deactivated = OperatorEdit(active: false).applied(to: admin)
        #expect(OperatorAdminPolicy.refusal(before: admin, after: demoted, actorID: OperatorID(1), activeAdmins: 1) == .lastAdmin)
        #expect(OperatorAdminPolicy.refusal(before: admin, after: deactivated, actorID: nil, activeAdmins: 1) == .lastAdmin)
        #expect(OperatorAdminPolicy.refusal(before: admin, after: demoted, actorID: OperatorID(1), activeAdmins: 2) == nil)
    }

    @Test func anAdminCannotDeactivateThemselfEvenWithOtherAdmins() {
        let admin = account(1, .admin)
        let deactivated = OperatorEdit(active: false).applied(to: admin)
        #expect(OperatorAdminPolicy.refusal(before: admin, after: deactivated, actorID: OperatorID(1), activeAdmins: 3) == .deactivatingSelf)
        #expect(OperatorAdminPolicy.refusal(before: admin, after: deactivated, actorID: OperatorID(2), activeAdmins: 3) == nil)
    }

    @Test func operatorsAndInactiveAdminsChangeFreely() {
        let agent = account(2, .operator)
        #expect(
            OperatorAdminPolicy.refusal(before: agent, after: OperatorEdit(active: false).applied(to: agent), actorID: nil, activeAdmins: 1) == nil
        )
        let formerAdmin = account(3, .admin, active: false)
        let demoted = OperatorEdit(role: .operator).applied(to: formerAdmin)
        #expect(OperatorAdminPolicy.refusal(before: formerAdmin, after: demoted, actorID: OperatorID(1), activeAdmins: 1) == nil)
    }

    @Test func anEditLeavesWhatItDoesNotName() {
        var before = account(4, .supervisor)
        before.departmentIDs = [DepartmentID(2)]
        let after = OperatorEdit(displayName: "Maria", departmentIDs: [DepartmentID(3), DepartmentID(1), DepartmentID(3)]).applied(to: before)
        #expect(after.operator.displayName == "Maria")
        #expect(after.operator.role == .supervisor)
        #expect(after.active)
        #expect(after.departmentIDs == [DepartmentID(1), DepartmentID(3)])
    }
}
