import Foundation
import SwitchboardCore
import Testing

/// Flood control counts an identity's messages in fixed windows on a given clock.
@Suite struct FloodRuleTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let limits = FloodLimits(messages: 3, window: 60, mute: 300)

    /// Counts `count` messages one second apart from `start`, returning every outcome.
    func send(_ count: Int, from state: FloodState? = nil, at first: Date? = nil, every seconds: TimeInterval = 1) -> ([FloodOutcome], FloodState?) {
        var state = state
        var outcomes: [FloodOutcome] = []
        for index in 0..<count {
            let counted = FloodRule.count(state, at: (first ?? start).addingTimeInterval(Double(index) * seconds), limits: limits)
            state = counted.state
            outcomes.append(counted.outcome)
        }
        return (outcomes, state)
    }

    @Test func theMessageOverTheLimitStartsTheMuteAndLaterOnesAreMuted() {
        let (outcomes, state) = send(6)
        #expect(outcomes == [.normal, .normal, .normal, .muteStarts(until: start.addingTimeInterval(3 + 300)), .muted, .muted])
        #expect(state?.mutedUntil == start.addingTimeInterval(303))
    }

    @Test func aSteadyWriterBelowTheLimitIsNeverMuted() {
        // Three messages a minute, for ten minutes: every window holds exactly the limit.
        let (outcomes, _) = send(30, every: 20)
        #expect(outcomes.allSatisfy { $0 == .normal })
    }

    @Test func aNewWindowStartsWhenTheOldOneEnded() {
        let (_, afterThree) = send(3)
        let counted = FloodRule.count(afterThree, at: start.addingTimeInterval(60), limits: limits)
        #expect(counted.outcome == .normal)
        #expect(counted.state == FloodState(windowStart: start.addingTimeInterval(60), count: 1))
    }

    @Test func theMuteEndsAfterItsLengthAndCountingStartsAgain() {
        let (_, muted) = send(4)
        let stillMuted = FloodRule.count(muted, at: start.addingTimeInterval(302), limits: limits)
        #expect(stillMuted.outcome == .muted)
        let free = FloodRule.count(muted, at: start.addingTimeInterval(303), limits: limits)
        #expect(free.outcome == .normal)
        #expect(free.state == FloodState(windowStart: start.addingTimeInterval(303), count: 1))
    }

    @Test func theDefaultsAreTwentyMessagesInAMinute() {
        #expect(FloodLimits.standard == FloodLimits(messages: 20, window: 60, mute: 600))
        var state: FloodState?
        var outcomes: [FloodOutcome] = []
        for index in 0..<25 {
            let counted = FloodRule.count(state, at: start.addingTimeInterval(Double(index) * 0.4), limits: .standard)
            state = counted.state
            outcomes.append(counted.outcome)
        }
        #expect(outcomes.prefix(20).allSatisfy { $0 == .normal })
        #expect(outcomes.filter { if case .muteStarts = $0 { true } else { false } }.count == 1)
        #expect(outcomes.suffix(4).allSatisfy { $0 == .muted })
    }
}
