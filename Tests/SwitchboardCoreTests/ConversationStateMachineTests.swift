import SwitchboardCore
import Testing

@Suite struct ConversationStateMachineTests {
    /// Every (status, trigger) pair and what must happen: a new status, no change, or a refusal.
    static let table: [(ConversationStatus, ConversationTrigger, ConversationStatus?)] = [
        (.open, .clientMessage, .open),
        (.open, .operatorReply, .open),
        (.open, .markPending, .pending),
        (.open, .resolve, .resolved),
        (.open, .reopen, nil),
        (.pending, .clientMessage, .open),
        (.pending, .operatorReply, .pending),
        (.pending, .markPending, nil),
        (.pending, .resolve, .resolved),
        (.pending, .reopen, nil),
        (.resolved, .clientMessage, .open),
        (.resolved, .operatorReply, .open),
        (.resolved, .markPending, nil),
        (.resolved, .resolve, nil),
        (.resolved, .reopen, .open),
    ]

    @Test func tableCoversEveryPair() {
        #expect(Self.table.count == ConversationStatus.allCases.count * ConversationTrigger.allCases.count)
    }

    @Test(arguments: table.indices)
    func transitionFollowsTheTable(index: Int) {
        let (from, trigger, expected) = Self.table[index]
        var machine = ConversationStateMachine(status: from)
        do {
            let action = try machine.handle(trigger)
            #expect(expected != nil, "\(trigger) from \(from) must be refused")
            #expect(machine.status == expected)
            if expected == from {
                #expect(action == .unchanged)
            } else if let expected {
                #expect(action == .changed(from: from, to: expected, reopened: from == .resolved))
            }
        } catch {
            #expect(expected == nil, "\(trigger) from \(from) must be allowed")
            #expect(error == RefusedTransition(from: from, trigger: trigger))
            #expect(machine.status == from)
        }
    }

    @Test func clientMessageReopensAResolvedConversation() throws {
        var machine = ConversationStateMachine(status: .resolved)
        #expect(try machine.handle(.clientMessage) == .changed(from: .resolved, to: .open, reopened: true))
    }
}
