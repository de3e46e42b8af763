import SwitchboardCore
import Testing

@Suite struct StaffGroupCheckTests {
    @Test func aForumWhereTheBotManagesTopicsIsReady() {
        let admin = StaffGroupFacts(chatType: "supergroup", isForum: true, botStatus: "administrator", botCanManageTopics: true)
        #expect(StaffGroupCheck.problems(admin).isEmpty)
        let owner = StaffGroupFacts(chatType: "supergroup", isForum: true, botStatus: "creator", botCanManageTopics: false)
        #expect(StaffGroupCheck.problems(owner).isEmpty)
    }

    @Test func everyMissingPieceIsNamed() {
        let basic = StaffGroupFacts(chatType: "group", isForum: false, botStatus: "member", botCanManageTopics: false)
        #expect(StaffGroupCheck.problems(basic) == [.notASupergroup(chatType: "group"), .botNotAdmin(status: "member")])
        let noTopics = StaffGroupFacts(chatType: "supergroup", isForum: false, botStatus: "administrator", botCanManageTopics: false)
        #expect(StaffGroupCheck.problems(noTopics) == [.notAForum, .cannotManageTopics])
        let left = StaffGroupFacts(chatType: "supergroup", isForum: true, botStatus: "left", botCanManageTopics: false)
        #expect(StaffGroupCheck.problems(left) == [.botNotAdmin(status: "left")])
        #expect(StaffGroupProblem.cannotManageTopics.description.contains("Manage topics"))
    }
}
