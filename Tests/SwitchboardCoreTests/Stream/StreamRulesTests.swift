import Foundation
import SwitchboardCore
import Testing

/// Who sees which event on the live stream, and where a reconnecting stream starts.
@Suite struct StreamRulesTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let sales = DepartmentID(1)
    let billing = DepartmentID(2)
    var maria: Viewer { Viewer(operatorID: OperatorID(7), role: .operator, departmentIDs: [sales]) }

    @Test func anEventBelongsToItsConversationThenItsContactThenEveryone() {
        let message = Event(seq: 1, kind: .messageCreated, occurredAt: now, contactID: ContactID(3), conversationID: ConversationID(5))
        let rename = Event(seq: 2, kind: .contactUpdated, occurredAt: now, contactID: ContactID(3))
        let presence = Event(seq: 3, kind: .operatorPresenceChanged, occurredAt: now)
        #expect(StreamAudience(of: message) == .conversation(ConversationID(5)))
        #expect(StreamAudience(of: rename) == .contact(ContactID(3)))
        #expect(StreamAudience(of: presence) == .everyone)
    }

    @Test func aContactEventReachesAnOperatorOnlyThroughAConversationTheyMaySee() {
        let contact = StreamAudience.contact(ContactID(3))
        let inBilling = ConversationScope(departmentID: billing, assigneeID: nil)
        #expect(!contact.admits(maria, scopes: [inBilling]))
        #expect(contact.admits(maria, scopes: [inBilling, ConversationScope(departmentID: sales, assigneeID: nil)]))
        #expect(contact.admits(maria, scopes: [ConversationScope(departmentID: billing, assigneeID: OperatorID(7))]))
        #expect(contact.admits(maria, scopes: [ConversationScope(departmentID: nil, assigneeID: nil)]))
        // A contact without conversations is only for those who see every department.
        #expect(!contact.admits(maria, scopes: []))
        #expect(contact.admits(Viewer(operatorID: OperatorID(8), role: .supervisor), scopes: []))
        #expect(!contact.needsScopes(for: Viewer(operatorID: OperatorID(8), role: .admin)))
        #expect(StreamAudience.everyone.admits(maria, scopes: []))
    }

    @Test func aStreamOpensOnlyFromTheDesksPageOrANonBrowserClient() throws {
        let desk = try #require(URL(string: "https://desk.example"))
        #expect(OriginRule.allowsUpgrade(origin: "https://desk.example", publicURL: desk, host: "desk.example"))
        #expect(OriginRule.allowsUpgrade(origin: nil, publicURL: desk, host: "desk.example"))
        #expect(OriginRule.allowsUpgrade(origin: "ws://localhost", publicURL: desk, host: "localhost:8080"))
        #expect(!OriginRule.allowsUpgrade(origin: "https://evil.example", publicURL: desk, host: "desk.example"))
        #expect(!OriginRule.allowsUpgrade(origin: "null", publicURL: desk, host: "desk.example"))
    }

    @Test func aReplayStartsWithinTheWindowAndResetsBeyondIt() {
        #expect(StreamReplay(after: nil, latest: 5_000, window: 1_000) == .replay(after: 5_000))
        #expect(StreamReplay(after: 4_000, latest: 5_000, window: 1_000) == .replay(after: 4_000))
        #expect(StreamReplay(after: 3_999, latest: 5_000, window: 1_000) == .reset(latest: 5_000))
        #expect(StreamReplay(after: 0, latest: 5_000, window: 1_000) == .reset(latest: 5_000))
        #expect(StreamReplay(after: 0, latest: 40, window: 1_000) == .replay(after: 0))
        // A seq from another database is clamped, not trusted.
        #expect(StreamReplay(after: 9_999, latest: 5_000, window: 1_000) == .replay(after: 5_000))
    }
}
