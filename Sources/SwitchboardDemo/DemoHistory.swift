import Foundation
import SwitchboardApp
import SwitchboardCore

/// Three weeks of past work in the demo database, so the reports page (figures, load, schedules,
/// departments, feedback, review) shows something true on a fresh `switchboard demo`.
///
/// The history is planned first (shifts, clients, replies, resolutions, feedback, each at a past
/// time, from a fixed seed so every demo has the same history relative to today), then played
/// through the store's own operations in time order, exactly as the live product would have
/// written it. Nothing is written behind the store's back.
struct DemoHistory {
    /// A low-score comment that is markup: the reports page must show it as text.
    static let hostileComment = "<img src=x onerror=alert(1)>"
    /// How many days back the history reaches (yesterday is the last one).
    static let days = 21

    /// One thing that happened, at a time.
    enum Step: Sendable {
        case presence(OperatorID, PresenceStatus)
        /// The client of visit `visit` writes (the first message opens the conversation).
        case clientWrites(visit: Int, text: String)
        case transfer(visit: Int, DepartmentID)
        case take(visit: Int, OperatorID)
        case reply(visit: Int, OperatorID, String)
        case resolve(visit: Int)
        /// The feedback questions go out (the client's answers follow as presses and a comment).
        case askFeedback(visit: Int)
        /// The client presses a feedback button (its action).
        case press(visit: Int, String)
    }

    /// A step and when it happened; `order` keeps steps at the same instant in plan order.
    struct Timed: Sendable {
        let at: Date
        let order: Int
        let step: Step
    }

    /// One client's conversation in the plan.
    struct Visit: Sendable {
        let channel: Channel
        let name: String
    }

    let store: any AppStore
    let now: Date

    /// Plans and plays the history.
    /// - Returns: how many conversations it holds.
    /// - Throws: when the store refuses a step (a bug in the plan, since the database is fresh).
    func seed() async throws -> Int {
        let channels = try await store.channels()
        let operators = try await store.operators().filter { $0.role == .operator }
        guard !channels.isEmpty, operators.count >= 2 else { return 0 }
        let billing = try await store.createDepartment(name: "Billing", routing: QueueRouting()).department.id
        let delivery = try await store.createDepartment(name: "Delivery", routing: QueueRouting()).department.id
        var planner = DemoHistoryPlanner(
            now: now,
            days: Self.days,
            channels: channels,
            operators: Array(operators.prefix(2)).map(\.id),
            departments: [billing, delivery]
        )
        let plan = planner.plan()
        try await play(plan.steps, visits: plan.visits)
        // The automation must not answer the past (welcome texts, feedback questions to clients of
        // three weeks ago): it starts after the history.
        try await store.saveAutomationCursor(try await store.latestSeq())
        return plan.visits.count
    }
}

/// A small deterministic generator (SplitMix64), so the demo history is the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    /// Creates a generator from a seed.
    init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
