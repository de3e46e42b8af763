import Foundation
import SwitchboardCore

/// Plans the demo history day by day: the operators' shifts with a break, the clients who write,
/// and how each conversation goes (queue, replies, resolution, feedback), with a few cases the
/// reports must handle: a hostile low-score comment, a reopened conversation, one never answered.
struct DemoHistoryPlanner {
    /// A stretch of work: online from `start` to `end`, away during the break.
    struct Shift {
        let operatorID: OperatorID
        let start: Date
        let end: Date
        let breakStart: Date?
        let breakEnd: Date?

        /// Whether the operator is online (on shift, not on the break) at `time`.
        func covers(_ time: Date) -> Bool {
            guard time >= start, time < end else { return false }
            if let breakStart, let breakEnd, time >= breakStart, time < breakEnd { return false }
            return true
        }
    }

    let now: Date
    let days: Int
    let channels: [Channel]
    let operators: [OperatorID]
    let departments: [DepartmentID]
    var random = SeededGenerator(seed: 2026)
    private(set) var steps: [DemoHistory.Timed] = []
    private(set) var visits: [DemoHistory.Visit] = []
    private var shifts: [Shift] = []
    private var turn = 0
    private let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar
    }()

    /// Creates a planner for the `days` days before `now`'s day; `operators` needs two ids.
    init(now: Date, days: Int, channels: [Channel], operators: [OperatorID], departments: [DepartmentID]) {
        self.now = now
        self.days = days
        self.channels = channels
        self.operators = operators
        self.departments = departments
    }

    /// The whole plan, steps in time order.
    mutating func plan() -> (steps: [DemoHistory.Timed], visits: [DemoHistory.Visit]) {
        let today = calendar.startOfDay(for: now)
        let dayStarts = (1...days).reversed().map { today.addingTimeInterval(-Double($0) * 86_400) }
        for day in dayStarts { planShifts(on: day) }
        // The special cases go on the latest weekdays: a weekend client may wait for Monday, which
        // is after `now` when the demo starts on a Monday morning, and such a visit is dropped.
        let weekdays = dayStarts.filter { (2...6).contains(calendar.component(.weekday, from: $0)) }
        for day in dayStarts {
            let weekdaysAgo = weekdays.firstIndex(of: day).map { weekdays.count - $0 }
            planVisits(on: day, weekdaysAgo: weekdaysAgo)
        }
        return (steps.sorted { ($0.at, $0.order) < ($1.at, $1.order) }, visits)
    }

    private func at(_ day: Date, _ hour: Double) -> Date { day.addingTimeInterval(hour * 3600) }

    private mutating func seconds(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &random) }

    private mutating func add(_ time: Date, _ step: DemoHistory.Step, into list: inout [DemoHistory.Timed]) {
        list.append(DemoHistory.Timed(at: time, order: steps.count + list.count, step: step))
    }

    /// Weekdays: the first operator 08:00–16:30 with a lunch break, the second 10:00–18:30;
    /// Saturday: the second operator alone in the morning; Sunday: nobody.
    private mutating func planShifts(on day: Date) {
        let weekday = calendar.component(.weekday, from: day)
        var planned: [Shift] = []
        if (2...6).contains(weekday) {
            let late = seconds(0...900)
            planned.append(
                Shift(
                    operatorID: operators[0],
                    start: at(day, 8).addingTimeInterval(late),
                    end: at(day, 16.5).addingTimeInterval(seconds(0...1200)),
                    breakStart: at(day, 12),
                    breakEnd: at(day, 12.66)
                )
            )
            planned.append(
                Shift(
                    operatorID: operators[1],
                    start: at(day, 10).addingTimeInterval(seconds(0...600)),
                    end: at(day, 18.5),
                    breakStart: at(day, 14),
                    breakEnd: at(day, 14.5).addingTimeInterval(seconds(0...600))
                )
            )
        } else if weekday == 7 {
            planned.append(Shift(operatorID: operators[1], start: at(day, 10), end: at(day, 14), breakStart: nil, breakEnd: nil))
        }
        var list: [DemoHistory.Timed] = []
        for shift in planned {
            add(shift.start, .presence(shift.operatorID, .online), into: &list)
            if let breakStart = shift.breakStart, let breakEnd = shift.breakEnd {
                add(breakStart, .presence(shift.operatorID, .away), into: &list)
                add(breakEnd, .presence(shift.operatorID, .online), into: &list)
            }
            add(shift.end, .presence(shift.operatorID, .offline), into: &list)
        }
        steps += list
        shifts += planned
    }

    /// The first moment at or after `time` when an operator is online, and who (taking turns).
    private mutating func nextAvailable(after time: Date) -> (Date, OperatorID)? {
        let moments = [time] + shifts.flatMap { [$0.start, $0.breakEnd].compactMap { $0 } }.filter { $0 > time }.sorted()
        for moment in moments {
            let online = shifts.filter { $0.covers(moment) }.map(\.operatorID)
            if !online.isEmpty {
                turn += 1
                return (moment, online[turn % online.count])
            }
        }
        return nil
    }

    /// - Parameter weekdaysAgo: 1 for the latest weekday before today, nil for a weekend day.
    private mutating func planVisits(on day: Date, weekdaysAgo: Int?) {
        let weekday = calendar.component(.weekday, from: day)
        let weekend = weekday == 1 || weekday == 7
        let count = weekend ? 2 + Int.random(in: 0...1, using: &random) : 6 + Int.random(in: 0...4, using: &random)
        let opening = (0..<count).map { _ in at(day, weekend ? seconds(9...18) : seconds(7.5...19.5)) }.sorted()
        for (index, time) in opening.enumerated() {
            let special: DemoHistoryScript.Special? =
                switch (weekdaysAgo, index) {
                case (1, 0): .hostileLowScore
                case (2, 0): .reopened
                case (3, 0): .neverAnswered
                case (4, 1): .lowScore
                default: nil
                }
            planVisit(opening: time, special: special)
        }
    }

    /// One conversation from the first client message to the feedback; dropped when it would
    /// still be going on now (the live demo starts with an empty queue).
    private mutating func planVisit(opening: Date, special: DemoHistoryScript.Special?) {
        let visit = visits.count
        let lines = DemoHistoryScript.lines[visit % DemoHistoryScript.lines.count]
        var list: [DemoHistory.Timed] = []
        add(opening, .clientWrites(visit: visit, text: lines.question), into: &list)
        var last = opening
        if Double.random(in: 0...1, using: &random) < 0.4 {
            last = opening.addingTimeInterval(seconds(10...50))
            add(last, .clientWrites(visit: visit, text: lines.more), into: &list)
        }
        let department = Int.random(in: 0...departments.count, using: &random)
        if department < departments.count { add(opening.addingTimeInterval(3), .transfer(visit: visit, departments[department]), into: &list) }
        guard let available = nextAvailable(after: opening.addingTimeInterval(5)) else { return }
        let (free, operatorID) = available
        let taken = free == opening.addingTimeInterval(5) ? opening.addingTimeInterval(seconds(15...240)) : free.addingTimeInterval(seconds(20...120))
        add(max(taken, last.addingTimeInterval(1)), .take(visit: visit, operatorID), into: &list)
        last = max(taken, last.addingTimeInterval(1))
        if special != .neverAnswered {
            last = last.addingTimeInterval(seconds(20...200))
            add(last, .reply(visit: visit, operatorID, lines.answer), into: &list)
            for _ in 0..<Int.random(in: 0...2, using: &random) {
                last = last.addingTimeInterval(seconds(60...900))
                add(last, .clientWrites(visit: visit, text: lines.more), into: &list)
                last = last.addingTimeInterval(seconds(30...480))
                add(last, .reply(visit: visit, operatorID, lines.followUp), into: &list)
            }
        }
        last = last.addingTimeInterval(seconds(120...1500))
        add(last, .resolve(visit: visit), into: &list)
        if special == .reopened {
            last = last.addingTimeInterval(600)
            add(last, .clientWrites(visit: visit, text: DemoHistoryScript.reopening), into: &list)
            last = last.addingTimeInterval(seconds(60...300))
            add(last, .reply(visit: visit, operatorID, lines.followUp), into: &list)
            last = last.addingTimeInterval(300)
            add(last, .resolve(visit: visit), into: &list)
        }
        if let feedback = feedback(special) {
            last = last.addingTimeInterval(seconds(30...600))
            add(last, .askFeedback(visit: visit), into: &list)
            add(last.addingTimeInterval(20), .press(visit: visit, FeedbackFlow.resolvedAction(feedback.resolved)), into: &list)
            last = last.addingTimeInterval(35)
            add(last, .press(visit: visit, FeedbackFlow.scoreAction(feedback.score)), into: &list)
            if let comment = feedback.comment {
                last = last.addingTimeInterval(60)
                add(last, .clientWrites(visit: visit, text: comment), into: &list)
            }
        }
        guard last < now.addingTimeInterval(-3600) else { return }
        visits.append(DemoHistory.Visit(channel: channels[visit % 3 == 2 ? channels.count - 1 : 0], name: lines.name))
        steps += list
    }

    /// The client's answers, when they gave any: mostly good, sometimes poor with a comment.
    private mutating func feedback(_ special: DemoHistoryScript.Special?) -> (resolved: Bool, score: Int, comment: String?)? {
        switch special {
        case .hostileLowScore: return (false, 1, DemoHistory.hostileComment)
        case .lowScore: return (false, 2, DemoHistoryScript.lowScoreComments[0])
        case .neverAnswered, .reopened: return nil
        case nil: break
        }
        guard Double.random(in: 0...1, using: &random) < 0.65 else { return nil }
        let roll = Double.random(in: 0...1, using: &random)
        let score = roll < 0.04 ? 1 : roll < 0.1 ? 2 : roll < 0.22 ? 3 : roll < 0.52 ? 4 : 5
        let resolved = Double.random(in: 0...1, using: &random) < (score >= 3 ? 0.93 : 0.4)
        let comment = score < FeedbackFlow.commentBelowScore ? DemoHistoryScript.lowScoreComments.randomElement(using: &random) : nil
        return (resolved, score, comment)
    }
}
