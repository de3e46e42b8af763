import SwitchboardCore
import Testing

@Suite struct AssignmentPolicyTests {
    /// Assigns `count` conversations one by one, as the store's pass does, and returns each operator's load.
    func spread(
        _ count: Int,
        capacities: [Int],
        loads: [Int]? = nil,
        strategy: AssignmentStrategy
    ) -> (loads: [Int], order: [Int], waiting: Int) {
        var candidates = capacities.enumerated().map { index, capacity in
            AssignmentCandidate(operatorID: OperatorID(Int64(index + 1)), load: loads?[index] ?? 0, capacity: capacity)
        }
        var turn: Int64 = 0
        var order: [Int] = []
        var waiting = 0
        for _ in 0..<count {
            guard let (chosen, _) = AssignmentPolicy.choose(among: candidates, strategy: strategy, sticky: true, previous: nil) else {
                waiting += 1
                continue
            }
            let index = candidates.firstIndex { $0.operatorID == chosen }!
            turn += 1
            candidates[index].load += 1
            candidates[index].lastTurn = turn
            order.append(index)
        }
        return (candidates.map(\.load), order, waiting)
    }

    @Test func roundRobinTakesTurnsUntilEachOperatorIsFull() {
        let result = spread(100, capacities: [50, 30, 20], strategy: .roundRobin)
        #expect(Array(result.order.prefix(6)) == [0, 1, 2, 0, 1, 2])
        #expect(result.loads == [50, 30, 20])
        #expect(result.waiting == 0)
    }

    @Test func roundRobinIgnoresExistingLoadButNeverExceedsCapacity() {
        let result = spread(100, capacities: [40, 40, 40], loads: [10, 0, 0], strategy: .roundRobin)
        // Turns: 34/33/33 new, but the first operator stops at 40 and the others take the rest.
        #expect(result.loads == [40, 35, 35])
        #expect(result.waiting == 0)
    }

    @Test func leastLoadedEvensOutExistingLoad() {
        let result = spread(100, capacities: [40, 40, 40], loads: [10, 0, 0], strategy: .leastLoaded)
        #expect(result.loads.max()! - result.loads.min()! <= 1)
        #expect(result.loads.reduce(0, +) == 110)
        #expect(Array(result.order.prefix(10)).allSatisfy { $0 != 0 })
    }

    @Test(arguments: AssignmentStrategy.allCases)
    func nobodyExceedsCapacityAndTheRestWaits(_ strategy: AssignmentStrategy) {
        let result = spread(100, capacities: [10, 20, 30], strategy: strategy)
        #expect(result.loads == [10, 20, 30])
        #expect(result.waiting == 40)
    }

    @Test func stickyPrefersThePreviousOperatorWhenTheyHaveRoom() {
        let candidates = [
            AssignmentCandidate(operatorID: OperatorID(1), load: 0, capacity: 5),
            AssignmentCandidate(operatorID: OperatorID(2), load: 4, capacity: 5, lastTurn: 9),
        ]
        let sticky = AssignmentPolicy.choose(among: candidates, strategy: .leastLoaded, sticky: true, previous: OperatorID(2))
        #expect(sticky?.operatorID == OperatorID(2))
        #expect(sticky?.reason == .sticky)
        #expect(
            AssignmentPolicy.choose(among: candidates, strategy: .leastLoaded, sticky: false, previous: OperatorID(2))?.operatorID == OperatorID(1)
        )
        let full = [candidates[0], AssignmentCandidate(operatorID: OperatorID(2), load: 5, capacity: 5)]
        #expect(AssignmentPolicy.choose(among: full, strategy: .leastLoaded, sticky: true, previous: OperatorID(2))?.operatorID == OperatorID(1))
        #expect(AssignmentPolicy.choose(among: [], strategy: .roundRobin, sticky: true, previous: nil) == nil)
    }
}
