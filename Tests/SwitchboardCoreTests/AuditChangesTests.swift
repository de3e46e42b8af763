import SwitchboardCore
import Testing

@Suite struct AuditChangesTests {
    @Test func onlyChangedFieldsAppearWithNestedOnesDotted() {
        let before = RoutingSettings(defaultRouting: QueueRouting(strategy: .leastLoaded, sticky: true), escalationWords: ["operator"])
        let after = RoutingSettings(defaultRouting: QueueRouting(strategy: .roundRobin, sticky: true), escalationWords: ["operator", "human"])
        let changes = AuditChanges.between(before, after)
        #expect(Set(changes.keys) == ["defaultRouting.strategy", "escalationWords"])
        #expect(changes["defaultRouting.strategy"] == AuditChange(from: "least_loaded", to: "round_robin"))
        #expect(changes["escalationWords"] == AuditChange(from: .array(["operator"]), to: .array(["operator", "human"])))
    }

    @Test func creationAndDeletionCompareWithNothing() {
        let reply = CannedReply(id: 1, shortcut: "hi", title: "Hello", body: "Hello!", ownerID: nil)
        #expect(AuditChanges.between(nil, reply)["shortcut"] == AuditChange(from: .null, to: "hi"))
        #expect(AuditChanges.between(reply, nil)["body"] == AuditChange(from: "Hello!", to: .null))
        #expect(AuditChanges.between(reply, reply).isEmpty)
    }

    @Test func secretFieldsAreHidden() {
        struct Account: Encodable {
            let name: String
            let token: String
        }
        let changes = AuditChanges.between(Account(name: "a", token: "123:SECRET"), Account(name: "a", token: "456:SECRET"), secrets: ["token"])
        #expect(changes == ["token": .secret])
        #expect(AuditChange.secret.from == "•••")
    }
}
