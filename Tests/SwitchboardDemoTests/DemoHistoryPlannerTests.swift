import Foundation
import SwitchboardCore
import Testing

@testable import SwitchboardDemo

/// The demo's history must hold the cases the reports page is checked against, whatever day the demo starts.
@Suite struct DemoHistoryPlannerTests {
    static let monday = Date(timeIntervalSince1970: 1_796_601_600)  // 2026-12-07 00:00 UTC, a Monday

    /// Plans the history as the demo would when started at `now`.
    func plan(at now: Date) -> [DemoHistory.Timed] {
        let channels = [
            Channel(id: ChannelID(1), kind: .telegram, name: "demo-telegram", mode: .poll, persona: Persona(name: "Acme")),
            Channel(id: ChannelID(2), kind: .viber, name: "demo-viber", mode: .webhook, persona: Persona(name: "Acme")),
        ]
        var planner = DemoHistoryPlanner(
            now: now,
            days: DemoHistory.days,
            channels: channels,
            operators: [OperatorID(1), OperatorID(2)],
            departments: [DepartmentID(1), DepartmentID(2)]
        )
        return planner.plan().steps
    }

    @Test(arguments: 0..<7) func theHostileCommentAndTheReopenedVisitAreThereOnEveryDayOfTheWeek(day: Int) {
        // Given the demo started at 03:00 on each day of a week (before anyone's shift)
        let now = Self.monday.addingTimeInterval(Double(day) * 86_400 + 3 * 3600)

        // When it plans its history
        let steps = plan(at: now)

        // Then the hostile low-score comment, the reopening and the low-score comment are written, all before now
        let written = steps.compactMap { step -> String? in
            if case .clientWrites(_, let text) = step.step { return text }
            return nil
        }
        #expect(written.contains(DemoHistory.hostileComment))
        #expect(written.contains(DemoHistoryScript.reopening))
        #expect(written.contains(DemoHistoryScript.lowScoreComments[0]))
        #expect(steps.allSatisfy { $0.at < now })
    }
}
